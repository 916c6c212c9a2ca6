import { describe, expect, it } from "vitest";
import { betaRegularized, gammaP, gammaQ, logBeta, logGamma } from "./special-functions";
import { expectRel } from "./test-helpers";

describe("logGamma", () => {
  it("gives ln of small factorials exactly enough: Γ(n) = (n − 1)!", () => {
    expectRel(logGamma(5), Math.log(24), 1e-15);
    expectRel(logGamma(11), Math.log(3628800), 1e-15);
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-15);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-15);
    // Γ(½) = √π
    expectRel(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-15);
  });

  it("matches scipy over eight orders of magnitude", () => {
    // [x, scipy.special.gammaln(x)]
    const ref = [
      [1e-8, 18.42068073818021],
      [0.001, 6.907178885383853],
      [0.1, 2.252712651734206],
      [0.75, 0.20328095143129538],
      [1.5, -0.12078223763524526],
      [2.5, 0.2846828704729192],
      [3.7, 1.428072326665388],
      [33.3, 82.60372358165493],
      [171.5, 709.1431630309283],
      [1e4, 82099.71749644238],
      [1e6, 12815504.569147611],
      [1e9, 19723265827.503716],
    ];
    for (const [x, lg] of ref) expectRel(logGamma(x!), lg!, 2e-14);
  });

  it("refuses x <= 0", () => {
    expect(() => logGamma(0)).toThrow("logGamma needs a finite x > 0, got 0");
    expect(() => logGamma(-1)).toThrow("got -1");
  });
});

describe("logBeta", () => {
  it("keeps its digits when one argument is huge (the t cdf at ν = 1e6 needs this)", () => {
    // [a, b, mpmath.log(mpmath.beta(a, b)) with mpmath.mp.dps = 40]. scipy.special.betaln(5e5, 0.5)
    // gives -5.988816495984793, off by 3.5e-11 relative, so mpmath is the reference here.
    const ref = [
      [0.5, 0.5, 1.1447298858494002],
      [10, 20, -19.115327299887046],
      [5e5, 0.5, -5.988816495777464],
      [1e5, 1e5, -138633.92706134808],
      [3, 1e4, -26.938173910371603],
    ];
    for (const [a, b, lb] of ref) expectRel(logBeta(a!, b!), lb!, 1e-14);
    // B(1, 1) = 1; B(2, 3) = 1!·2!/4! = 1/12
    expect(Math.abs(logBeta(1, 1))).toBeLessThan(1e-15);
    expectRel(logBeta(2, 3), Math.log(1 / 12), 1e-14);
  });
});

describe("incomplete gamma", () => {
  it("is 1 − e^(−x) at a = 1 and erf at a = ½", () => {
    for (const x of [0.1, 1, 5, 20]) expectRel(gammaP(1, x), -Math.expm1(-x), 1e-14);
    expectRel(gammaQ(1, 3), Math.exp(-3), 1e-14);
    expect(gammaQ(2, 0)).toBe(1);
    expect(gammaP(2, 0)).toBe(0);
  });

  it("matches scipy's gammaincc and gammainc on both sides of x = a + 1 and in the far tail", () => {
    // [a, x, scipy.special.gammaincc(a, x)]
    const upper = [
      [0.5, 0.01, 0.887537083981715],
      [0.5, 2, 0.04550026389635857],
      [1, 3, 0.04978706836786395],
      [2.5, 0.7, 0.924313272801667],
      [3, 10, 0.0027693957155115775],
      [10, 3, 0.9988975118698845],
      [10, 30, 7.121750862815593e-6],
      [50, 45, 0.7531979655998298],
      [100, 150, 5.924540335483916e-6],
      [0.5, 300, 1.674167984691805e-132],
      [1e4, 1.01e4, 0.15865124955282037],
    ];
    for (const [a, x, q] of upper) expectRel(gammaQ(a!, x!), q!, 1e-11);
    // [a, x, scipy.special.gammainc(a, x)]
    const lower = [
      [0.5, 0.01, 0.11246291601828491],
      [2.5, 0.7, 0.07568672719833305],
      [10, 3, 0.0011024881301154815],
      [50, 45, 0.24680203440017026],
      [1e4, 0.99e4, 0.15865119219356463],
    ];
    for (const [a, x, p] of lower) expectRel(gammaP(a!, x!), p!, 1e-11);
  });

  it("refuses a <= 0 or x < 0", () => {
    expect(() => gammaQ(0, 1)).toThrow("the incomplete gamma needs a finite a > 0, got 0");
    expect(() => gammaP(1, -2)).toThrow("the incomplete gamma needs x >= 0, got -2");
  });
});

describe("betaRegularized", () => {
  it("is x at (1, 1), x^a at (a, 1) and symmetric", () => {
    expectRel(betaRegularized(0.3, 1, 1), 0.3, 1e-14);
    expectRel(betaRegularized(0.6, 3, 1), 0.216, 1e-14);
    expectRel(betaRegularized(0.25, 2, 7) + betaRegularized(0.75, 7, 2), 1, 1e-14);
    // I_x(2, 2) = 3x² − 2x³: at ½ it is ½
    expectRel(betaRegularized(0.5, 2, 2), 0.5, 1e-14);
    expect(betaRegularized(0, 2, 3)).toBe(0);
    expect(betaRegularized(1, 2, 3)).toBe(1);
  });

  it("matches scipy's betainc, small and huge parameters alike", () => {
    // [a, b, x, scipy.special.betainc(a, b, x)]
    const ref = [
      [2, 5, 0.3, 0.5798250000000003],
      [0.5, 0.5, 0.1, 0.20483276469913345],
      [0.5, 0.5, 0.9, 0.7951672353008665],
      [10, 20, 0.2, 0.049263517304212585],
      [500, 0.5, 0.999, 0.31731044730971725],
      [1e5, 1e5, 0.499, 0.18554674455755774],
      [3, 1e4, 1e-4, 0.08032899086535365],
      [38, 964, 0.05, 0.969811087833879],
      [0.2, 3, 1e-6, 0.08328634170926992],
      [1e6, 2e6, 0.3334, 0.5968015448900887],
    ];
    for (const [a, b, x, v] of ref) expectRel(betaRegularized(x!, a!, b!), v!, 1e-9);
  });

  it("refuses parameters outside the domain", () => {
    expect(() => betaRegularized(0.5, 0, 1)).toThrow("the incomplete beta needs finite a, b > 0, got a = 0, b = 1");
    expect(() => betaRegularized(1.5, 1, 1)).toThrow("the incomplete beta needs 0 <= x <= 1, got 1.5");
  });
});
