// The single-page demo: a tiny router that swaps articles and keeps the comment widget in step.
const ARTICLES = {
  first: {
    title: 'The first article',
    text: "Routes here change with history.pushState, so the page never reloads. The comment thread follows the route through the widget's update().",
  },
  second: {
    title: 'The second article',
    text: 'A different route is a different thread. Go back and forth: each keeps its own comments.',
  },
};

let widget = null;
let route = 'first';

function pageOf(name) {
  return `/spa/${name}/`;
}

function mount() {
  widget = window.Afterword.mount(document.getElementById('comments'), {
    page: pageOf(route),
    title: ARTICLES[route].title,
  });
  document.getElementById('toggle').textContent = 'Unmount comments';
}

function show(name, push) {
  route = ARTICLES[name] ? name : 'first';
  const a = ARTICLES[route];
  const article = document.getElementById('article');
  article.replaceChildren();
  const h = document.createElement('h1');
  h.textContent = a.title;
  const p = document.createElement('p');
  p.textContent = a.text;
  article.append(h, p);
  document.title = `${a.title} · Field Notes`;
  for (const b of document.querySelectorAll('[data-route]')) {
    if (b.dataset.route === route) b.setAttribute('aria-current', 'page');
    else b.removeAttribute('aria-current');
  }
  if (push) history.pushState({ route }, '', `/spa/?route=${route}`);
  if (widget) widget.update({ page: pageOf(route), title: a.title });
}

function start() {
  show(new URLSearchParams(location.search).get('route') ?? 'first', false);
  mount();
  for (const b of document.querySelectorAll('[data-route]')) {
    b.addEventListener('click', () => show(b.dataset.route, true));
  }
  document.getElementById('toggle').addEventListener('click', (e) => {
    if (widget) {
      widget.destroy();
      widget = null;
      e.currentTarget.textContent = 'Mount comments';
    } else {
      mount();
    }
  });
  addEventListener('popstate', () =>
    show(new URLSearchParams(location.search).get('route') ?? 'first', false),
  );
}

if (window.Afterword) start();
else document.getElementById('afterword-embed').addEventListener('load', start);
