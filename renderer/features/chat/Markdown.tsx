import { useMemo, type ReactNode } from 'react';
import { parseInline, parseMarkdown, type Block, type Inline } from '../../lib/markdown';

// Markdown as React elements only (see lib/markdown.ts for why this subset): every string is a text node, so nothing
// a model writes becomes HTML; links are shown, never followed; images are described, never fetched.

export function Markdown({ text, className }: { text: string; className?: string }) {
  const blocks = useMemo(() => parseMarkdown(text), [text]);
  return <div className={`md${className ? ` ${className}` : ''}`}>{blocks.map(block)}</div>;
}

/** One line of inline Markdown (`code`, **bold**) in text the app shows, e.g. the data inventory's "how to delete". */
export function InlineMarkdown({ text }: { text: string }) {
  return <>{parseInline(text).map(inline)}</>;
}

function block(b: Block, i: number): ReactNode {
  switch (b.t) {
    case 'p':
      return <p key={i}>{b.c.map(inline)}</p>;
    case 'h':
      // Not a heading element: an answer must not reshape the page's outline.
      return (
        <p key={i} className={`md-h md-h${Math.min(b.level, 3)}`}>
          <strong>{b.c.map(inline)}</strong>
        </p>
      );
    case 'code':
      return (
        <pre key={i}>
          <code>{b.v}</code>
        </pre>
      );
    case 'quote':
      return <blockquote key={i}>{b.c.map(block)}</blockquote>;
    case 'ul':
      return (
        <ul key={i}>
          {b.items.map((item, j) => (
            <li key={j}>{item.map(inline)}</li>
          ))}
        </ul>
      );
    case 'ol':
      return (
        <ol key={i} start={b.start}>
          {b.items.map((item, j) => (
            <li key={j}>{item.map(inline)}</li>
          ))}
        </ol>
      );
    case 'hr':
      return <hr key={i} />;
    default:
      b satisfies never;
      return null;
  }
}

function inline(n: Inline, i: number): ReactNode {
  switch (n.t) {
    case 'text':
      return n.v;
    case 'code':
      return <code key={i}>{n.v}</code>;
    case 'strong':
      return <strong key={i}>{n.c.map(inline)}</strong>;
    case 'em':
      return <em key={i}>{n.c.map(inline)}</em>;
    case 'link': {
      const label = n.c.map(inline);
      const same = n.c.length === 1 && n.c[0]!.t === 'text' && n.c[0]!.v === n.href;
      return (
        <span key={i} className="md-link">
          {label}
          {!same && n.href && <span className="muted"> ({n.href})</span>}
        </span>
      );
    }
    case 'image':
      return (
        <span key={i} className="muted">
          [image not shown{n.alt ? `: ${n.alt}` : ''}]
        </span>
      );
    default:
      n satisfies never;
      return null;
  }
}
