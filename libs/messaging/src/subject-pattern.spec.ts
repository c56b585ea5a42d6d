import { subjectMatches } from './subject-pattern';

describe('subjectMatches', () => {
  it.each([
    ['elk.catalog.cmd.AddProduct', 'elk.catalog.cmd.AddProduct', true],
    ['elk.catalog.cmd.AddProduct', 'elk.catalog.cmd.RemoveProduct', false],
    ['elk.catalog.cmd.AddProduct', 'elk.catalog.cmd', false],
    ['elk.catalog.cmd', 'elk.catalog.cmd.AddProduct', false],
    ['elk.*.cmd.AddProduct', 'elk.catalog.cmd.AddProduct', true],
    ['elk.*.cmd', 'elk.catalog.qry', false],
    ['elk.evt.>', 'elk.evt.organisation.EmployeeAdded', true],
    ['elk.evt.>', 'elk.evt.x', true],
    ['elk.evt.>', 'elk.evt', false],
    ['elk.evt.organisation.>', 'elk.evt.catalog.ProductAdded', false],
    ['>', 'anything.at.all', true],
    ['elk.>.x', 'elk.a.x', false],
  ])('%s matches %s: %s', (pattern, subject, expected) => {
    expect(subjectMatches(pattern, subject)).toBe(expected);
  });
});
