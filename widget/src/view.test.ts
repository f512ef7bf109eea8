/** The embed's renderer in Chromium: what it renders and sets, what it keeps, moves and removes, and when it renders again. */
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type View = typeof import('./view.js');
declare const V: View;

let browser: Browser;
let page: Page;

beforeAll(async () => {
  const out = await build({
    entryPoints: [resolve(import.meta.dirname, 'view.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'V',
    write: false,
    target: 'es2022',
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  page = await browser.newPage();
  await page.setContent('<!doctype html><div id="root"></div>');
  await page.addScriptTag({ content: out.outputFiles[0]?.text ?? '' });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** A fresh container in the page for each case. */
const fresh = () =>
  page.evaluate(() => {
    const old = document.getElementById('root');
    const root = document.createElement('div');
    root.id = 'root';
    old?.replaceWith(root);
  });

describe('view', () => {
  it('renders elements, texts, props as Preact sets them, SVG in its namespace and raw HTML', async () => {
    await fresh();
    const r = await page.evaluate(() => {
      const { h, render, Fragment } = V;
      const root = document.getElementById('root') as HTMLElement;
      render(
        h(
          'section',
          { class: 'aw', part: 'root', 'aria-label': 'Comments', dir: 'rtl' },
          h('button', { type: 'button', 'aria-pressed': false, disabled: true, hidden: false }, '▲'),
          h('input', { name: 'n', maxLength: 5, tabIndex: -1, defaultValue: 'x', autoComplete: 'name' }),
          0,
          null,
          false,
          h(Fragment, null, 'a', ['b', 'c']),
          h('svg', { class: 'av', viewBox: '0 0 1 1' }, h('rect', { x: 0, width: '1' })),
          h('div', { dangerouslySetInnerHTML: { __html: '<p>raw <b>html</b></p>' } }),
        ),
        root,
      );
      const svg = root.querySelector('svg') as SVGSVGElement;
      return {
        html: root.innerHTML,
        part: root.querySelector('section')?.part.value,
        inputValue: root.querySelector('input')?.value,
        svg: [svg.namespaceURI, svg.firstElementChild?.namespaceURI, svg.getAttribute('viewBox')],
      };
    });
    expect(r.html).toBe(
      '<section class="aw" part="root" aria-label="Comments" dir="rtl">' +
        '<button type="button" aria-pressed="false" disabled="">▲</button>' +
        '<input name="n" maxlength="5" tabindex="-1" value="x" autocomplete="name">' +
        '0abc<svg class="av" viewBox="0 0 1 1"><rect x="0" width="1"></rect></svg>' +
        '<div><p>raw <b>html</b></p></div></section>',
    );
    expect(r.part).toBe('root');
    expect(r.inputValue).toBe('x');
    expect(r.svg).toEqual(['http://www.w3.org/2000/svg', 'http://www.w3.org/2000/svg', '0 0 1 1']);
  });

  it('keeps nodes by key and place, and leaves nodes others added beside the ones they were put after', async () => {
    await fresh();
    const r = await page.evaluate(() => {
      const { h, render } = V;
      const root = document.getElementById('root') as HTMLElement;
      const view = (ids: string[], tag = false) =>
        h(
          'div',
          null,
          h('header', null, h('b', null, 'name'), tag && h('i', null, 'tag'), h('time', null, 'now')),
          h(
            'ol',
            null,
            ids.map((id) => h('li', { key: id, id }, id)),
          ),
        );
      render(view(['a', 'b', 'c']), root);
      const lis = [...root.querySelectorAll('li')];
      // A lazy chunk's badge after the name, and a button at the list's end.
      root.querySelector('b')?.after(Object.assign(document.createElement('span'), { textContent: 'badge' }));
      root.querySelector('ol')?.append(Object.assign(document.createElement('button'), { textContent: 'x' }));
      render(view(['c', 'a', 'd'], true), root);
      const now = [...root.querySelectorAll('li')];
      return {
        header: root.querySelector('header')?.innerHTML,
        list: root.querySelector('ol')?.innerHTML,
        kept: [now[0] === lis[2], now[1] === lis[0], lis[1]?.isConnected],
      };
    });
    expect(r.header).toBe('<b>name</b><i>tag</i><span>badge</span><time>now</time>');
    expect(r.list).toBe('<li id="c">c</li><li id="a">a</li><li id="d">d</li><button>x</button>');
    expect(r.kept).toEqual([true, true, false]);
  });

  it('renders a component again once per task after setState, then its callbacks; lifecycles and refs in order', async () => {
    await fresh();
    const r = await page.evaluate(async () => {
      const { h, render, Component, createRef } = V;
      const root = document.getElementById('root') as HTMLElement;
      const log: string[] = [];
      const ref = createRef<HTMLElement>();
      class Child extends Component<{ n: number }> {
        override componentDidMount() {
          log.push('child mounted');
        }
        override componentWillUnmount() {
          log.push('child unmounted');
        }
        render() {
          return h('i', null, `child ${this.props.n}`);
        }
      }
      class Parent extends Component<object, { n: number; loading: boolean }> {
        override state = { n: 1, loading: true };
        renders = 0;
        override componentDidMount() {
          log.push(`parent mounted, ref ${ref.current?.tagName}`);
        }
        override componentDidUpdate(_: object, prev: { n: number }) {
          log.push(`parent updated from ${prev.n} to ${this.state.n}`);
        }
        render() {
          this.renders++;
          const { n, loading } = this.state;
          if (loading) return h('p', { ref }, 'loading');
          return h('section', { ref }, n < 3 && h(Child, { n }), h('b', null, String(n)));
        }
      }
      let app: InstanceType<typeof Parent> | undefined;
      class Holder extends Parent {
        override componentDidMount() {
          app = this;
          super.componentDidMount();
        }
      }
      render(h('main', null, h('hr', null), h(Holder, null), h('hr', null)), root);
      const target = app as InstanceType<typeof Parent>;
      target.setState({ loading: false });
      target.setState({ n: 2 }, () => log.push(`callback sees ${root.querySelector('b')?.textContent}`));
      const before = [target.renders, target.state.n];
      await Promise.resolve();
      const once = [target.renders, root.querySelector('main')?.innerHTML, ref.current?.tagName];
      target.setState((s) => ({ n: s.n + 1 }));
      await Promise.resolve();
      const last = root.querySelector('main')?.innerHTML;
      render(null, root);
      return { before, once, last, log, ref: ref.current, empty: root.innerHTML };
    });
    expect(r.before).toEqual([1, 1]);
    expect(r.once).toEqual([2, '<hr><section><i>child 2</i><b>2</b></section><hr>', 'SECTION']);
    expect(r.last).toBe('<hr><section><b>3</b></section><hr>');
    expect(r.log).toEqual([
      'parent mounted, ref P',
      'child mounted',
      'parent updated from 1 to 2',
      'callback sees 2',
      'child unmounted',
      'parent updated from 2 to 3',
    ]);
    expect(r.ref).toBeNull();
    expect(r.empty).toBe('');
  });

  it('sets value after the options, keeps what the reader typed until the state says otherwise, and swaps listeners', async () => {
    await fresh();
    const r = await page.evaluate(async () => {
      const { h, render } = V;
      const root = document.getElementById('root') as HTMLElement;
      const heard: string[] = [];
      const view = (value: string, body: string, tag: string) =>
        h(
          'form',
          { onInput: () => heard.push(tag), onFocusIn: () => heard.push(`focus ${tag}`) },
          h(
            'select',
            { value },
            ['oldest', 'newest'].map((s) => h('option', { key: s, value: s }, s)),
          ),
          h('textarea', { value: body }),
        );
      render(view('newest', '', 'first'), root);
      const select = root.querySelector('select') as HTMLSelectElement;
      const area = root.querySelector('textarea') as HTMLTextAreaElement;
      const first = select.value;
      area.value = 'typed';
      area.dispatchEvent(new Event('input', { bubbles: true }));
      render(view('newest', 'typed', 'second'), root);
      area.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
      area.dispatchEvent(new Event('input', { bubbles: true }));
      const typed = area.value;
      render(view('oldest', '', 'third'), root);
      area.dispatchEvent(new Event('input', { bubbles: true }));
      return { first, typed, cleared: area.value, now: select.value, heard };
    });
    expect(r).toEqual({
      first: 'newest',
      typed: 'typed',
      cleared: '',
      now: 'oldest',
      heard: ['first', 'focus second', 'second', 'third'],
    });
  });
});
