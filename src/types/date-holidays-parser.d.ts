// date-holidays-parser ships types that its package.json "exports" hides from bundler resolution.
declare module 'date-holidays-parser' {
  export { default } from 'date-holidays-parser/types/index';
}
