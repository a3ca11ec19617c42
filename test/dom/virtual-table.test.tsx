/**
 * The virtual table's row keys follow the rows: select-all after the rows changed selects the rows
 * shown now, whether the list was replaced or grew in place (as a streamed list does per page).
 */
import { createSignal } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@solidjs/testing-library';
import { VirtualTable } from '../../renderer/src/components/virtual-table';
import { createSelection } from '../../renderer/src/stores/selection-store';

interface Row {
  id: string;
}
const rowsOf = (from: number, n: number): Row[] =>
  Array.from({ length: n }, (_, i) => ({ id: `r${from + i}` }));

describe('VirtualTable keys', () => {
  it('selects every row shown with Ctrl+A after the rows were replaced or grew in place', () => {
    const list = rowsOf(0, 3);
    const [rows, setRows] = createSignal<readonly Row[]>(list, { equals: false });
    const selection = createSelection();
    render(() => (
      <VirtualTable
        label="Rows"
        rows={rows}
        rowKey={(r) => r.id}
        columns={[{ id: 'id', label: 'Id', cell: (r) => r().id }]}
        template="1fr"
        selection={selection}
      />
    ));
    const grid = screen.getByRole('grid', { name: 'Rows' });
    fireEvent.keyDown(grid, { key: 'a', ctrlKey: true });
    expect([...selection.ids()].sort()).toEqual(['r0', 'r1', 'r2']);
    // Grown in place: the same array, announced again.
    list.push(...rowsOf(3, 2));
    setRows(list);
    fireEvent.keyDown(grid, { key: 'a', ctrlKey: true });
    expect(selection.ids().size).toBe(5);
    // Replaced: a new array.
    setRows(rowsOf(10, 2));
    fireEvent.keyDown(grid, { key: 'a', ctrlKey: true });
    expect([...selection.ids()].sort()).toEqual(['r10', 'r11']);
  });
});
