/**
 * SOURCE_DATE_EPOCH (reproducible-builds.org), read the same way by every target that dates its
 * output (the site's edition dates, the PDF's metadata): a decimal count of seconds since 1970,
 * or unset/empty. Anything else is a mistake to report, not to guess at: the target that reads it
 * stops with this message, so the same environment never gives differently dated outputs.
 */
export function sourceDateEpochSeconds(env: NodeJS.ProcessEnv = process.env): number | null {
  const value = env.SOURCE_DATE_EPOCH;
  if (value === undefined || value === '') return null;
  if (!/^\d{1,12}$/.test(value)) throw new Error(`SOURCE_DATE_EPOCH must be a number of seconds since 1970, not "${value}"`);
  return Number(value);
}
