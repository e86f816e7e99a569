import { satisfactionIndex } from './satisfaction-index';

describe('the satisfaction index', () => {
  // 25 valid answers: 满意 12, 较满意 8, 一般 3, 较不满意 1, 不满意 1
  const counts = [0, 1, 1, 3, 8, 12];

  it('is the share of 满意 + 较满意 among valid answers by default, with the formula printed', () => {
    const r = satisfactionIndex(counts);
    expect(r).toEqual({ method: 'top_two_share', valid: 25, index: 80, formula: '满意度 = (满意 12 + 较满意 8) ÷ 有效答卷 25 × 100% = 80.0%' });
  });

  it('can be the weighted mean on 100 points', () => {
    const r = satisfactionIndex(counts, 'weighted_mean');
    // (12×100 + 8×80 + 3×60 + 1×40 + 1×20) / 25 = 2080 / 25 = 83.2
    expect(r.index).toBe(83.2);
    expect(r.formula).toBe('满意度 = (满意 12×100 + 较满意 8×80 + 一般 3×60 + 较不满意 1×40 + 不满意 1×20) ÷ 有效答卷 25 = 83.2 分');
  });

  it('has no index without valid answers, and ignores junk counts', () => {
    expect(satisfactionIndex([9, 0, 0, 0, 0, 0]).index).toBeNull();
    expect(satisfactionIndex([0, -3, 0, 0, 1.7, 2]).valid).toBe(3);
  });

  it('rounds to one decimal', () => {
    expect(satisfactionIndex([0, 1, 0, 0, 0, 2]).index).toBe(66.7);
  });
});
