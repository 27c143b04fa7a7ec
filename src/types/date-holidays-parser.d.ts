// date-holidays-parser's types are an ambient module declaration that its package.json "exports"
// hides from bundler resolution; reference them directly.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- an ambient module cannot be imported
/// <reference path="../../node_modules/date-holidays-parser/types/index.d.ts" />
