import type { Metadata } from 'next';
import Script from 'next/script';

export const metadata: Metadata = {
  title: 'Oakline — furniture for focused work (Parley demo store)',
  description: 'A pretend storefront that embeds the Parley chat widget like a customer would.',
};

const PRODUCTS = [
  {
    name: 'Walnut Standing Desk',
    price: '€849',
    note: 'Solid walnut, electric height 64–128 cm',
    art: 'from-amber-700 via-amber-600 to-orange-400',
    shape: 'desk',
  },
  {
    name: 'Loop Task Chair',
    price: '€429',
    note: 'Breathable mesh, 4D armrests',
    art: 'from-slate-700 via-slate-500 to-slate-300',
    shape: 'chair',
  },
  {
    name: 'Linen Pendant Lamp',
    price: '€129',
    note: 'Warm dimmable light, hand-stitched shade',
    art: 'from-yellow-300 via-amber-200 to-orange-100',
    shape: 'lamp',
  },
  {
    name: 'Oak Wall Shelf',
    price: '€189',
    note: 'Three tiers, hidden brackets',
    art: 'from-emerald-700 via-emerald-500 to-lime-300',
    shape: 'shelf',
  },
] as const;

function ProductArt({ shape }: { shape: (typeof PRODUCTS)[number]['shape'] }) {
  const stroke = { stroke: 'white', strokeWidth: 5, strokeLinecap: 'round', fill: 'none' } as const;
  return (
    <svg viewBox="0 0 120 90" className="h-28 w-36 drop-shadow-md" aria-hidden>
      {shape === 'desk' && (
        <>
          <path d="M15 35h90" {...stroke} />
          <path d="M28 35v42M92 35v42M20 77h16M84 77h16" {...stroke} />
          <rect x="48" y="14" width="28" height="18" rx="2" fill="white" opacity=".85" />
        </>
      )}
      {shape === 'chair' && (
        <>
          <path d="M42 12h36v34H42z" {...stroke} />
          <path d="M36 50h48M60 50v20M44 78l16-8 16 8" {...stroke} />
        </>
      )}
      {shape === 'lamp' && (
        <>
          <path d="M60 4v22" {...stroke} stroke="#92400e" />
          <path d="M38 50 48 26h24l10 24z" fill="white" opacity=".9" />
          <circle cx="60" cy="62" r="9" fill="#fffbeb" />
        </>
      )}
      {shape === 'shelf' && (
        <>
          <path d="M20 24h80M20 48h80M20 72h80" {...stroke} />
          <rect x="30" y="8" width="10" height="16" fill="white" opacity=".85" />
          <rect x="44" y="12" width="8" height="12" fill="white" opacity=".7" />
          <circle cx="78" cy="40" r="8" fill="white" opacity=".85" />
          <rect x="58" y="58" width="24" height="14" fill="white" opacity=".75" />
        </>
      )}
    </svg>
  );
}

/**
 * A pretend customer storefront. It knows nothing about Parley except the
 * embed snippet at the bottom — exactly what a customer pastes into their site.
 */
export default function DemoStorePage() {
  return (
    <div className="min-h-full bg-stone-50 text-stone-900">
      <header className="border-b border-stone-200 bg-white/80 backdrop-blur">
        <div className="mx-auto flex max-w-6xl items-center justify-between px-6 py-4">
          <a href="#" className="flex items-center gap-2 text-lg font-bold tracking-tight">
            <span className="grid size-8 place-items-center rounded-lg bg-amber-700 text-white">
              O
            </span>
            Oakline
          </a>
          <nav className="hidden gap-8 text-sm text-stone-600 sm:flex">
            <a href="#desks" className="hover:text-stone-900">
              Desks
            </a>
            <a href="#desks" className="hover:text-stone-900">
              Seating
            </a>
            <a href="#desks" className="hover:text-stone-900">
              Lighting
            </a>
            <a href="#help" className="hover:text-stone-900">
              Help
            </a>
          </nav>
          <span className="rounded-full bg-stone-900 px-4 py-1.5 text-sm font-medium text-white">
            Cart (0)
          </span>
        </div>
      </header>

      <main>
        <section className="mx-auto grid max-w-6xl items-center gap-10 px-6 py-14 md:grid-cols-2">
          <div>
            <p className="text-sm font-semibold tracking-wider text-amber-700 uppercase">
              Spring collection
            </p>
            <h1 className="mt-3 text-4xl leading-tight font-bold tracking-tight sm:text-5xl">
              Furniture for focused work.
            </h1>
            <p className="mt-4 max-w-md text-lg text-stone-600">
              Solid wood, honest joinery and a 10-year warranty. Free delivery across the EU on
              orders over €300.
            </p>
            <div className="mt-8 flex gap-3">
              <a
                href="#desks"
                className="rounded-full bg-amber-700 px-6 py-3 font-medium whitespace-nowrap text-white shadow-sm hover:bg-amber-800"
              >
                Shop desks
              </a>
              <a
                href="#help"
                className="rounded-full border border-stone-300 bg-white px-6 py-3 font-medium whitespace-nowrap hover:bg-stone-100"
              >
                Delivery & returns
              </a>
            </div>
          </div>
          <div className="grid h-72 place-items-center rounded-3xl bg-gradient-to-br from-amber-200 via-orange-100 to-stone-100 shadow-inner">
            <div className="scale-150">
              <ProductArt shape="desk" />
            </div>
          </div>
        </section>

        <section id="desks" className="mx-auto max-w-6xl px-6 pb-16">
          <div className="flex items-end justify-between">
            <h2 className="text-2xl font-bold tracking-tight">Bestsellers</h2>
            <span className="text-sm text-stone-500">{PRODUCTS.length} products</span>
          </div>
          <ul className="mt-6 grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
            {PRODUCTS.map((product) => (
              <li
                key={product.name}
                className="group overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-stone-200 transition hover:-translate-y-0.5 hover:shadow-md"
              >
                <div className={`grid h-44 place-items-center bg-gradient-to-br ${product.art}`}>
                  <ProductArt shape={product.shape} />
                </div>
                <div className="p-4">
                  <div className="flex items-baseline justify-between gap-2">
                    <h3 className="font-semibold">{product.name}</h3>
                    <span className="font-semibold text-amber-800">{product.price}</span>
                  </div>
                  <p className="mt-1 text-sm text-stone-500">{product.note}</p>
                  <button
                    type="button"
                    className="mt-4 w-full rounded-full border border-stone-300 py-2 text-sm font-medium transition group-hover:border-stone-900 group-hover:bg-stone-900 group-hover:text-white"
                  >
                    Add to cart
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>

        <section id="help" className="border-t border-stone-200 bg-white">
          <div className="mx-auto grid max-w-6xl gap-8 px-6 py-14 md:grid-cols-3">
            {[
              [
                'Delivery',
                'Desks ship in 5–7 business days; small items in 2–3. We deliver to all EU countries.',
              ],
              ['Returns', '30 days, no questions asked. We pick up large items for free.'],
              ['Questions?', 'Our team answers in minutes — use the chat button in the corner.'],
            ].map(([title, text]) => (
              <div key={title}>
                <h3 className="font-semibold">{title}</h3>
                <p className="mt-2 text-sm leading-relaxed text-stone-600">{text}</p>
              </div>
            ))}
          </div>
        </section>
      </main>

      <footer className="border-t border-stone-200 py-8 text-center text-xs text-stone-500">
        Oakline is a pretend store for trying Parley. The chat in the corner is the real widget.
      </footer>

      {/* The customer's embed snippet. */}
      <Script src="/widget.js" data-channel="demo-website" strategy="afterInteractive" />
    </div>
  );
}
