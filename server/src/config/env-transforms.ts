/** class-transformer transforms of environment strings: unset or empty stays undefined (the default applies). */
export const bool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());
export const int = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
