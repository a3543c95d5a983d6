import type { Metadata } from 'next';
import { parseHostOrigin } from '@/widget/lib/host-protocol';
import { WidgetApp } from '@/widget/components/widget-app';

export const metadata: Metadata = {
  title: 'Chat',
  robots: { index: false },
};

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/**
 * The visitor chat widget, loaded by `public/widget.js` in an iframe:
 * `/widget?channel=<channel key>&host=<origin of the embedding page>`.
 */
export default async function WidgetPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const channel = first(params.channel)?.trim() || null;
  return <WidgetApp channelKey={channel} hostOrigin={parseHostOrigin(first(params.host))} />;
}
