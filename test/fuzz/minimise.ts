/**
 * Delta debugging over a document's text: drop chunks of lines, then chunks of characters, while
 * `stillFails` holds. The budget bounds the number of checks, so minimising never takes longer
 * than a few seconds per failure; the result is smaller, not necessarily minimal.
 */
export async function minimise(text: string, stillFails: (candidate: string) => Promise<boolean>, budget = 150): Promise<string> {
  let current = text;
  let checks = 0;
  const attempt = async (candidate: string): Promise<boolean> => {
    if (checks >= budget || candidate === current) return false;
    checks++;
    if (await stillFails(candidate)) { current = candidate; return true; }
    return false;
  };
  for (const unit of ['\n', ''] as const) {
    let parts = unit === '\n' ? current.split('\n') : [...current];
    let chunk = Math.max(1, Math.floor(parts.length / 2));
    while (chunk >= 1 && checks < budget) {
      let removed = false;
      for (let i = 0; i < parts.length && checks < budget; i += chunk) {
        const candidate = [...parts.slice(0, i), ...parts.slice(i + chunk)];
        if (candidate.length > 0 && await attempt(candidate.join(unit))) {
          parts = candidate;
          removed = true;
          i -= chunk;
        }
      }
      if (!removed) chunk = Math.floor(chunk / 2);
      // Character-level passes on a large text would exhaust the budget on the first chunks.
      if (unit === '' && parts.length > 4000) break;
    }
  }
  return current;
}
