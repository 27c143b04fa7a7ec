import { describe, expect, it } from 'vitest';
import { firstScreenPage, languageOf, scriptJson } from './first-screen';

const template = `<!doctype html><html lang="en"><head><title>x</title></head><body><div id="root" data-prerender='{"path":"/"}'><h1>Home</h1></div><template id="prerender-it"><h1>Casa</h1></template><script data-entry="/assets/index.js">boot()</script></body></html>`;

describe('the first screen sent with a signed-in page (decision 0179)', () => {
  it("takes the page's language from ?lng, then Accept-Language, then English", () => {
    expect(languageOf(new URL('http://x/cases?lng=it'), 'en-GB')).toBe('it');
    expect(languageOf(new URL('http://x/cases?lng=fr'), 'fr-FR, it;q=0.8, en;q=0.5')).toBe('it');
    expect(languageOf(new URL('http://x/cases'), undefined)).toBe('en');
  });

  it('keeps the JSON data from closing its script element or being read as markup', () => {
    const text = scriptJson({ summary: '</script><script>alert(1)</script><!-- \u2028' });
    expect(text).not.toMatch(/<|>/);
    expect(JSON.parse(text)).toEqual({ summary: '</script><script>alert(1)</script><!-- \u2028' });
  });

  it("puts the page's markup in #root in place of the home page's and its templates, the data after it, the boot script kept", () => {
    const page = firstScreenPage(template, { html: '<h1>I miei reclami</h1>', state: { mutations: [], queries: [] }, meta: { path: '/cases', lng: 'it', provider: 'nasstar', ns: ['cases'] } }, '/cases?lng=it', 'redress-first-screen');
    expect(page).toContain(`<html lang="it">`);
    expect(page).toContain(`<div id="root" data-prerender='{"path":"/cases","lng":"it","provider":"nasstar","ns":["cases"]}'><h1>I miei reclami</h1></div>`);
    expect(page).toContain('<script type="application/json" id="redress-first-screen">{"path":"/cases?lng=it","state":{"mutations":[],"queries":[]}}</script><script data-entry="/assets/index.js">boot()</script>');
    expect(page).not.toContain('Home');
    expect(page).not.toContain('Casa');
    expect(firstScreenPage('<html><body><div id="root"></div></body></html>', { html: '', state: { mutations: [], queries: [] }, meta: { path: '/cases', lng: 'en', provider: 'nasstar', ns: [] } }, '/cases', 'redress-first-screen')).toBeNull();
  });

  it("gives the page its own title, in its language, escaped: a case's summary is the customer's text", () => {
    const state = { mutations: [], queries: [] };
    const en = firstScreenPage(template, { html: '<h1>My cases</h1>', state, title: 'My cases – Nasstar complaints', meta: { path: '/cases', lng: 'en', provider: 'nasstar', ns: ['cases'] } }, '/cases', 'redress-first-screen');
    expect(en).toContain('<title>My cases – Nasstar complaints</title>');
    expect(en).not.toContain('<title>x</title>');
    const it = firstScreenPage(template, { html: '<h1>I miei reclami</h1>', state, title: 'I miei reclami – Reclami a Nasstar', meta: { path: '/cases', lng: 'it', provider: 'nasstar', ns: ['cases'] } }, '/cases?lng=it', 'redress-first-screen');
    expect(it).toContain('<html lang="it">');
    expect(it).toContain('<title>I miei reclami – Reclami a Nasstar</title>');
    const hostile = firstScreenPage(template, { html: '', state, title: `</title><script>alert(1)</script> & "$&" (NAS-1)`, meta: { path: '/cases/NAS-1', lng: 'en', provider: 'nasstar', ns: [] } }, '/cases/NAS-1', 'redress-first-screen');
    expect(hostile).toContain(`<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; "$&amp;" (NAS-1)</title>`);
    expect(hostile).not.toContain('<script>alert');
    // No title heard (a page that sets none): the template's stays.
    expect(firstScreenPage(template, { html: '', state, title: null, meta: { path: '/cases', lng: 'en', provider: 'nasstar', ns: [] } }, '/cases', 'redress-first-screen')).toContain('<title>x</title>');
  });

  it("links the route's own stylesheets in the head (the staff workspace's comes with its route chunk)", () => {
    const page = firstScreenPage(template, { html: '<h1>Queue</h1>', state: { mutations: [], queries: [] }, meta: { path: '/staff', lng: 'en', provider: 'nasstar', ns: ['staff'] } }, '/staff', 'redress-first-screen', ['/assets/staff-1.css']);
    expect(page).toContain('<link rel="stylesheet" crossorigin href="/assets/staff-1.css"></head>');
  });
});
