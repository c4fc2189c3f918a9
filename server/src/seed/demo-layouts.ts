// Seat layouts of the demo cinema, built the way a manager would describe them: rows of seats
// with aisles, a premium block at the back, a recliner row, and wheelchair spaces with companions.
export type TSeatType = 'STANDARD' | 'PREMIUM' | 'RECLINER' | 'WHEELCHAIR' | 'COMPANION';

export interface TSeatSpec {
  row: string;
  number: number;
  label: string;
  type: TSeatType;
  x: number;
  y: number;
  /** Label of the wheelchair space a companion seat belongs to. */
  companionOf?: string;
}

interface TRowSpec {
  row: string;
  seats: number;
  type: TSeatType;
  /** Seat numbers after which an aisle (one empty column) follows. */
  aislesAfter: number[];
  /** Empty columns before the first seat, to centre narrower rows. */
  indent?: number;
  /** Column step per seat (recliners are wider). */
  step?: number;
}

function buildRows(rows: TRowSpec[]): TSeatSpec[] {
  return rows.flatMap((spec, y) => {
    let x = spec.indent ?? 0;
    const seats: TSeatSpec[] = [];
    for (let number = 1; number <= spec.seats; number++) {
      seats.push({ row: spec.row, number, label: `${spec.row}${number}`, type: spec.type, x, y });
      x += spec.step ?? 1;
      if (spec.aislesAfter.includes(number)) x += 1;
    }
    return seats;
  });
}

/** Wheelchair spaces with their companion seats, at the aisle ends of a row. */
function accessible(seats: TSeatSpec[], pairs: [wheelchair: string, companion: string][]): TSeatSpec[] {
  const byLabel = new Map(seats.map((s) => [s.label, s]));
  for (const [wheelchair, companion] of pairs) {
    const w = byLabel.get(wheelchair);
    const c = byLabel.get(companion);
    if (!w || !c) throw new Error(`layout has no seat ${w ? companion : wheelchair}`);
    w.type = 'WHEELCHAIR';
    c.type = 'COMPANION';
    c.companionOf = wheelchair;
  }
  return seats;
}

/** Audi 1: 10 rows of 16 (aisles after 4 and 12), premium rows I–J, recliner row K. 168 seats. */
export function audi1(): TSeatSpec[] {
  const standard = 'ABCDEFGH'
    .split('')
    .map((row) => ({ row, seats: 16, type: 'STANDARD' as const, aislesAfter: [4, 12] }));
  const premium = ['I', 'J'].map((row) => ({ row, seats: 16, type: 'PREMIUM' as const, aislesAfter: [4, 12] }));
  const recliners = { row: 'K', seats: 8, type: 'RECLINER' as const, aislesAfter: [4], step: 2, indent: 1 };
  return accessible(buildRows([...standard, ...premium, recliners]), [
    ['A1', 'A2'],
    ['A16', 'A15'],
  ]);
}

/** Audi 2: 7 rows of 12 (centre aisle), premium row G, recliner row H. 90 seats. */
export function audi2(): TSeatSpec[] {
  const standard = 'ABCDEF'.split('').map((row) => ({ row, seats: 12, type: 'STANDARD' as const, aislesAfter: [6] }));
  const premium = { row: 'G', seats: 12, type: 'PREMIUM' as const, aislesAfter: [6] };
  const recliners = { row: 'H', seats: 6, type: 'RECLINER' as const, aislesAfter: [3], step: 2 };
  return accessible(buildRows([...standard, premium, recliners]), [['A1', 'A2']]);
}
