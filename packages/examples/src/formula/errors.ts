/**
 * The error a Hamiltonian formula reports: what in the formula is wrong and what to write instead.
 */

/**
 * A formula that cannot be a Hamiltonian: a syntax error, an unknown symbol or function, an
 * expression that is not one scalar, or coordinates that do not pair up.
 *
 * @example
 * try { compileHamiltonian('p^2/2 + k*q^2'); } catch (e) { if (e instanceof FormulaError) ... }
 */
export class FormulaError extends Error {
  override readonly name = 'FormulaError';
}
