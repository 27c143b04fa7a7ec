import type { DocBlock, DocModel } from '../lib/doc-model';

/** A DocModel as HTML: the on-screen and printed form of a letter or pack. */
export function DocView({ doc, headingLevel = 2, id }: { doc: DocModel; headingLevel?: 1 | 2; id?: string }) {
  const Title = headingLevel === 1 ? 'h1' : 'h2';
  return (
    <article className="adr-doc" lang={doc.lang} id={id} aria-labelledby={id ? `${id}-title` : undefined}>
      <Title className="adr-doc-title" id={id ? `${id}-title` : undefined}>
        {doc.title}
      </Title>
      {doc.blocks.map((b, i) => (
        <Block key={i} block={b} sub={headingLevel === 1 ? 2 : 3} />
      ))}
    </article>
  );
}

function Block({ block: b, sub }: { block: DocBlock; sub: 2 | 3 }) {
  switch (b.kind) {
    case 'pageBreak':
      return <hr className="adr-page-break" />;
    case 'heading': {
      const H = b.level === 2 ? (sub === 2 ? 'h2' : 'h3') : sub === 2 ? 'h3' : 'h4';
      return <H>{b.text}</H>;
    }
    case 'paragraph':
      return <p className={[b.own ? 'adr-own-words' : '', b.strong ? 'adr-strong' : ''].filter(Boolean).join(' ') || undefined}>{b.text}</p>;
    case 'lines':
      return (
        <p className={b.align === 'right' ? 'adr-lines adr-lines-right' : 'adr-lines'}>
          {b.lines.map((line, i) => (
            <span key={i}>
              {line}
              <br />
            </span>
          ))}
        </p>
      );
    case 'fields':
      return (
        <dl className="summary-list adr-summary adr-fields">
          {b.rows.map((r, i) => (
            <div key={i}>
              <dt>{r.label}</dt>
              <dd className={r.own ? 'adr-own-words' : undefined}>{r.value}</dd>
            </div>
          ))}
        </dl>
      );
    case 'list':
      return (
        <ul>
          {b.items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      );
    case 'table':
      return (
        <div className="adr-table-wrap">
          <table>
            <caption>{b.caption}</caption>
            <thead>
              <tr>
                {b.head.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {b.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) => (
                    <td key={j}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
  }
}
