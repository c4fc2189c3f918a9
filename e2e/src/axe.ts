// The accessibility audit of a screen: axe-core with every rule on, the experimental ones too
// (label-content-name-mismatch, what a control shows against its spoken name, is one of them).
// A screen passes with no serious or critical violation.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export interface TAuditFinding {
  screen: string;
  rule: string;
  impact: string;
  nodes: number;
  example: string;
}

/** Serious and critical violations on the page as it is now, labelled with the screen's name. */
export async function auditScreen(page: Page, screen: string): Promise<TAuditFinding[]> {
  // Fonts and late renders settle first, so the audit reads what a person sees.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const results = await new AxeBuilder({ page })
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      screen,
      rule: v.id,
      impact: v.impact!,
      nodes: v.nodes.length,
      example: `${v.nodes[0]?.target.join(' ')}: ${v.nodes[0]?.failureSummary?.split('\n')[1]?.trim() ?? ''}`,
    }));
}
