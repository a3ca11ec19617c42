/**
 * The disks pane streams `disks.list` pages: the first rows show after the first (small) page,
 * later pages append below in the API's order without moving a row already shown, search works
 * meanwhile, the count says more are coming, a refresh keeps the rows on screen, a scope switch
 * clears them at once, a failed page keeps what came and says the list is incomplete, and a
 * column header sorts (ascending, descending, then the API's order again).
 */
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import type { ErrorData } from '../../shared/errors';
import type { InvokeArg, Result } from '../../shared/ipc/contract';
import type { DiskView } from '../../shared/ipc/views';
import { makeFakeApi, makeServer, type FakeApi, withTwoRegions } from './fake-api';
import { renderApp } from './render-app';

type Page = { disks: DiskView[]; nextOffset?: number };
type ListArg = InvokeArg<'disks.list'>;

/** Disk `i`, whose name sorts against the API's order: the API lists disk-9999, disk-9998, ... */
const disk = (i: number, over: Partial<DiskView> = {}): DiskView => ({
  id: `vol-${String(i).padStart(5, '0')}`,
  name: `disk-${String(9999 - i).padStart(4, '0')}`,
  sizeGb: 10 + (i % 7) * 10,
  volumeType: 'SSD',
  status: 'available',
  availabilityZone: 'sandbox-1a',
  attachments: [],
  ...over,
});

/**
 * `disks.list` answered by the test: each call waits until `answer()` releases it, with the page
 * of `list()` the call asked for (or `fail()` fails it).
 */
function pagedDisks(api: FakeApi, initial: DiskView[]) {
  let list = initial;
  const waiting: { arg: ListArg; release(r: Result<Page>): void }[] = [];
  api.handle(
    'disks.list',
    (arg) =>
      new Promise<Result<Page>>((release) => {
        waiting.push({ arg, release });
      }),
  );
  const next = async () => {
    await waitFor(() => expect(waiting.length).toBeGreaterThan(0));
    return waiting.shift()!;
  };
  return {
    set(disks: DiskView[]) {
      list = disks;
    },
    /** Answers the oldest waiting call with its page; returns what it asked for. */
    async answer(): Promise<ListArg> {
      const { arg, release } = await next();
      const offset = arg.offset ?? 0;
      const limit = arg.limit ?? 1000;
      const disks = list.slice(offset, offset + limit);
      release({
        ok: true,
        value: disks.length === limit ? { disks, nextOffset: offset + limit } : { disks },
      });
      return arg;
    },
    async fail(error: ErrorData) {
      (await next()).release({ ok: false, error });
    },
    pending: () => waiting.length,
  };
}

const DISKS = Array.from({ length: 2600 }, (_, i) => disk(i));

const showDisks = () => {
  fireEvent.click(
    within(screen.getByRole('region', { name: 'Panes' })).getByRole('button', { name: 'Disks' }),
  );
  return screen.getByRole('region', { name: 'Disks' });
};
const status = (pane: HTMLElement) => within(pane).getByRole('status').textContent;
/** The names in the grid's rows, top to bottom (the rows the virtual grid has in the DOM). */
const shownNames = (pane: HTMLElement) =>
  within(within(pane).getByRole('grid', { name: 'Disks' }))
    .getAllByRole('row')
    .slice(1) // the header row
    .map((r) => /disk-\d{4}/.exec(r.textContent ?? '')?.[0]);

function setup(disks = DISKS) {
  const api = makeFakeApi({ servers: [makeServer(0)] });
  const pages = pagedDisks(api, disks);
  renderApp({ api });
  const pane = showDisks();
  return { api, pages, pane };
}

describe('the disks pane streams its pages', () => {
  it('shows the first page at once, then appends pages below without moving a shown row', async () => {
    const { api, pages, pane } = setup();
    expect(await pages.answer()).toMatchObject({ offset: 0, limit: 250 });
    await waitFor(() => expect(status(pane)).toBe('250 disks (loading…)'));
    const first = shownNames(pane);
    // The API's order, not the names' (disk-9999 sorts last by name but comes first).
    expect(first.slice(0, 3)).toEqual(['disk-9999', 'disk-9998', 'disk-9997']);

    expect(await pages.answer()).toMatchObject({ offset: 250, limit: 1000 });
    await waitFor(() => expect(status(pane)).toBe('1,250 disks (loading…)'));
    expect(shownNames(pane)).toEqual(first);
    expect(await pages.answer()).toMatchObject({ offset: 1250, limit: 1000 });
    expect(await pages.answer()).toMatchObject({ offset: 2250, limit: 1000 });
    await waitFor(() => expect(status(pane)).toBe('2,600 disks'));
    expect(shownNames(pane)).toEqual(first);
    expect(pages.pending()).toBe(0);
    expect(api.callsOf('disks.list')).toHaveLength(4);
  });

  it('searches while pages arrive, and a later page fills the matches in', async () => {
    const { pages, pane } = setup();
    await pages.answer();
    await waitFor(() => expect(status(pane)).toBe('250 disks (loading…)'));
    // disk-8000 ... disk-8099 are disks 1999 ... 1900: in the third page.
    fireEvent.input(within(pane).getByRole('searchbox', { name: /Search disks/ }), {
      target: { value: 'disk-80' },
    });
    await waitFor(() => expect(status(pane)).toBe('0 of 250 disks (loading…)'));
    await pages.answer();
    await waitFor(() => expect(status(pane)).toBe('0 of 1,250 disks (loading…)'));
    await pages.answer();
    await waitFor(() => expect(status(pane)).toBe('100 of 2,250 disks (loading…)'));
    expect(shownNames(pane)[0]).toBe('disk-8099');
    await pages.answer();
    await waitFor(() => expect(status(pane)).toBe('100 of 2,600 disks'));
  });

  it('keeps the rows on screen during a refresh and drops the vanished ones when it is complete', async () => {
    const { pages, pane } = setup();
    for (let i = 0; i < 4; i++) await pages.answer();
    await waitFor(() => expect(status(pane)).toBe('2,600 disks'));
    const before = shownNames(pane);

    // vol-00001 went, vol-00000 is being deleted: the refresh shows both facts once it has them.
    pages.set([disk(0, { status: 'deleting' }), ...DISKS.slice(2)]);
    fireEvent.click(within(pane).getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(status(pane)).toBe('2,600 disks (loading…)'));
    expect(shownNames(pane)).toEqual(before);
    await pages.answer();
    await waitFor(() =>
      expect(within(pane).getByRole('row', { name: /disk-9999/ }).textContent).toContain('deleting'),
    );
    // Not gone yet: it may still come in a later page until the list is complete.
    expect(shownNames(pane)).toContain('disk-9998');
    for (let i = 0; i < 3; i++) await pages.answer();
    await waitFor(() => expect(status(pane)).toBe('2,599 disks'));
    expect(shownNames(pane)).not.toContain('disk-9998');
    expect(shownNames(pane).slice(0, 2)).toEqual(['disk-9999', 'disk-9997']);
  });

  it('keeps the rows of a load that failed half-way and says the list is incomplete', async () => {
    const { pages, pane } = setup();
    await pages.answer();
    await pages.fail({
      name: 'ApiError',
      code: 'API_ERROR',
      message: 'Service unavailable',
      retryable: true,
      status: 503,
    });
    const alert = await within(pane).findByRole('alert');
    expect(alert.textContent).toContain('Service unavailable');
    expect(status(pane)).toBe('250 disks (incomplete)');
    expect(shownNames(pane)[0]).toBe('disk-9999');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    for (let i = 0; i < 4; i++) await pages.answer();
    await waitFor(() => expect(status(pane)).toBe('2,600 disks'));
    expect(within(pane).queryByRole('alert')).toBeNull();
  });

  it('sorts by a clicked column: ascending, descending, then the API order again', async () => {
    const { pages, pane } = setup(DISKS.slice(0, 40));
    await pages.answer();
    await waitFor(() => expect(status(pane)).toBe('40 disks'));
    const grid = within(pane).getByRole('grid', { name: 'Disks' });
    const nameHeader = () => within(grid).getByRole('columnheader', { name: /Name/ });
    fireEvent.click(within(nameHeader()).getByRole('button'));
    await waitFor(() => expect(shownNames(pane)[0]).toBe('disk-9960'));
    expect(nameHeader().getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(within(nameHeader()).getByRole('button'));
    await waitFor(() => expect(shownNames(pane)[0]).toBe('disk-9999'));
    expect(nameHeader().getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(within(nameHeader()).getByRole('button'));
    await waitFor(() => expect(nameHeader().getAttribute('aria-sort')).toBe('none'));
    expect(shownNames(pane).slice(0, 2)).toEqual(['disk-9999', 'disk-9998']);
    const sizeHeader = within(grid).getByRole('columnheader', { name: /Size/ });
    fireEvent.click(within(sizeHeader).getByRole('button'));
    await waitFor(() => expect(within(grid).getAllByRole('row')[1]!.textContent).toContain('10 GB'));
  });

  it('clears the rows at once on a region switch, while the new region is still loading', async () => {
    const api = makeFakeApi({ servers: [makeServer(0)] });
    withTwoRegions(api);
    const pages = pagedDisks(api, DISKS);
    renderApp({ api });
    const pane = showDisks();
    await pages.answer();
    await waitFor(() => expect(status(pane)).toBe('250 disks (loading…)'));
    fireEvent.click(
      within(screen.getByRole('region', { name: 'Accounts' })).getByRole('button', {
        name: 'Sandbox: sandbox-2',
      }),
    );
    await waitFor(() => expect(status(pane)).toBe('Loading disks…'));
    expect(within(pane).queryByRole('grid', { name: 'Disks' })).toBeNull();
    // The old region's second page answers late: it is dropped.
    const late = await pages.answer();
    expect(late).toMatchObject({ region: 'sandbox-1', offset: 250 });
    pages.set([disk(7, { name: 'other-region-disk' })]);
    expect(await pages.answer()).toMatchObject({ region: 'sandbox-2', offset: 0 });
    await waitFor(() => expect(status(pane)).toBe('1 disk'));
    expect(within(pane).getByRole('row', { name: /other-region-disk/ })).toBeTruthy();
  });
});
