/**
 * `Intl.DateTimeFormat` objects cost tens of microseconds to build (locale and time-zone data) and never change once
 * built, so the back office keeps one per locale and options instead of building one per date it writes (a
 * complaint's acknowledgement alone writes several; decision 0182). The keys are the code's own option sets over the
 * providers' time zones: a few dozen at most (the cap only guards against a caller that varies them freely).
 */
const formats = new Map<string, Intl.DateTimeFormat>();
const FORMATS_MAX = 200;

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, options);
    if (formats.size >= FORMATS_MAX) formats.clear();
    formats.set(key, format);
  }
  return format;
}
