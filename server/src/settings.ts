// The server's settings, all under the `oxideWebhooks` section. The client reads
// `oxideWebhooks.trace.server` itself, so only the settings the server acts on are decoded here.

export const SETTINGS_SECTION = 'oxideWebhooks';

export interface ServerSettings {
  /** Milliseconds between the last edit and the validation that follows it. */
  validationDelay: number;
  /** Maximum number of diagnostics published for one document; errors are kept first. */
  maxNumberOfProblems: number;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  validationDelay: 150,
  maxNumberOfProblems: 1000,
};

/** Upper bound of `oxideWebhooks.validation.delay`, in milliseconds. */
export const MAX_VALIDATION_DELAY = 10_000;

/** Upper bound of `oxideWebhooks.maxNumberOfProblems`. */
export const MAX_NUMBER_OF_PROBLEMS = 100_000;

export interface DecodedSettings {
  settings: ServerSettings;
  /** One sentence per value that was invalid and replaced by its default. */
  problems: string[];
}

/**
 * Decodes the `oxideWebhooks` section as a client sends it. VS Code nests the keys, so
 * `validation.delay` arrives as `{ validation: { delay } }`, and a dotted key
 * `{ 'validation.delay': ... }` is accepted too. Missing values take their default, and each
 * invalid value takes its default and adds a problem.
 */
export function decodeSettings(section: unknown): DecodedSettings {
  const problems: string[] = [];
  const delay = objectAt(section, 'validation')?.delay ?? valueAt(section, 'validation.delay');

  let validationDelay = DEFAULT_SETTINGS.validationDelay;
  if (delay !== undefined && delay !== null) {
    if (typeof delay === 'number' && delay >= 0 && delay <= MAX_VALIDATION_DELAY) {
      validationDelay = Math.round(delay);
    } else {
      problems.push(
        `Invalid setting oxideWebhooks.validation.delay "${String(delay)}": expected a number of ` +
          `milliseconds from 0 to ${MAX_VALIDATION_DELAY}. Using ${validationDelay}.`,
      );
    }
  }

  let maxNumberOfProblems = DEFAULT_SETTINGS.maxNumberOfProblems;
  const maximum = valueAt(section, 'maxNumberOfProblems');
  if (maximum !== undefined && maximum !== null) {
    if (typeof maximum === 'number' && maximum >= 1 && maximum <= MAX_NUMBER_OF_PROBLEMS) {
      maxNumberOfProblems = Math.floor(maximum);
    } else {
      problems.push(
        `Invalid setting oxideWebhooks.maxNumberOfProblems "${String(maximum)}": expected a whole ` +
          `number from 1 to ${MAX_NUMBER_OF_PROBLEMS}. Using ${maxNumberOfProblems}.`,
      );
    }
  }
  return { settings: { validationDelay, maxNumberOfProblems }, problems };
}

function objectAt(value: unknown, key: string): Record<string, unknown> | undefined {
  const child = valueAt(value, key);
  if (typeof child !== 'object' || child === null) {
    return undefined;
  }
  return child as Record<string, unknown>;
}

function valueAt(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  return (value as Record<string, unknown>)[key];
}
