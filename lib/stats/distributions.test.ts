import { describe, expect, it } from "vitest";
import { betaCdf, chiSquareSf, normalCdf, normalQuantile, studentTCdf, studentTQuantile } from "./distributions";
import { expectRel } from "./test-helpers";

describe("normal", () => {
  it("is ½ at 0, symmetric, and ±1.96 holds 95%", () => {
    expect(normalCdf(0)).toBe(0.5);
    expectRel(normalCdf(1.3) + normalCdf(-1.3), 1, 1e-15);
    expectRel(normalCdf(1.959963984540054) - normalCdf(-1.959963984540054), 0.95, 1e-14);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
  });

  it("matches scipy.stats.norm.cdf, keeping relative accuracy in the lower tail", () => {
    // [x, scipy.stats.norm.cdf(x)]
    const ref = [
      [-37.5, 4.605353009581954e-308],
      [-20, 2.7536241186061556e-89],
      [-8, 6.22096057427174e-16],
      [-5, 2.866515718791933e-7],
      [-3, 0.0013498980316300933],
      [-1.96, 0.024997895148220435],
      [-0.5, 0.3085375387259869],
      [0.3, 0.6179114221889526],
      [1, 0.8413447460685429],
      [2.5, 0.9937903346742238],
      [6, 0.9999999990134123],
    ];
    for (const [x, p] of ref) expectRel(normalCdf(x!), p!, 1e-13);
  });

  it("matches scipy.stats.norm.ppf from 1e-300 to 1 − 1e-12", () => {
    // [p, scipy.stats.norm.ppf(p)]
    const ref = [
      [1e-300, -37.0470962993612],
      [1e-100, -21.273453560965322],
      [1e-20, -9.262340089798409],
      [1e-8, -5.612001244174789],
      [0.001, -3.090232306167813],
      [0.025, -1.9599639845400545],
      [0.3, -0.5244005127080409],
      [0.42, -0.20189347914185088],
      [0.7, 0.5244005127080407],
      [0.975, 1.959963984540054],
      [0.999, 3.090232306167813],
      [1 - 1e-12, 7.0344869100478356],
    ];
    for (const [p, x] of ref) expectRel(normalQuantile(p!), x!, 1e-14);
  });

  it("round-trips: Φ(Φ⁻¹(p)) = p", () => {
    for (const p of [1e-15, 1e-6, 0.01, 0.2, 0.5, 0.8, 0.99]) expectRel(normalCdf(normalQuantile(p)), p, 1e-13);
  });

  it("refuses p outside [0, 1]", () => {
    expect(() => normalQuantile(1.2)).toThrow("normalQuantile needs 0 <= p <= 1, got 1.2");
    expect(() => normalCdf(Number.NaN)).toThrow("normalCdf needs a number, got NaN");
  });
});

describe("Student t", () => {
  it("has the closed forms of df = 1 (Cauchy) and df = 2", () => {
    // df = 1: F(t) = ½ + atan(t)/π; df = 2: F(t) = ½ + t / (2√(2 + t²))
    for (const t of [-7, -1, 0.3, 4]) {
      expectRel(studentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI, 1e-14);
      expectRel(studentTCdf(t, 2), 0.5 + t / (2 * Math.sqrt(2 + t * t)), 1e-14);
    }
    // df = 1 quantile: tan(π(p − ½)); the 97.5% point is 12.7062...
    expectRel(studentTQuantile(0.975, 1), Math.tan(Math.PI * 0.475), 1e-13);
    expect(studentTCdf(0, 3.7)).toBe(0.5);
  });

  it("matches scipy.stats.t.cdf at integer and fractional (Welch) df, deep in the tails", () => {
    // [t, df, scipy.stats.t.cdf(t, df)]
    const ref = [
      [-40, 1, 0.007956089912025812],
      [-3, 1, 0.10241638234956672],
      [0.5, 1, 0.6475836176504333],
      [-2.5, 2.5, 0.0522849815390777],
      [2, 3, 0.9303370157205785],
      [-6, 5, 0.0009230691447970072],
      [1.7, 10.3, 0.9404591109294912],
      [-4, 30, 0.0001909228180418782],
      [2.2, 1000, 0.9859824873366511],
      [-12, 7, 3.179155189092549e-6],
      [0.1, 0.5, 0.5268341894356968],
      [-30, 3.3, 1.9414696771561547e-5],
    ];
    for (const [t, df, p] of ref) expectRel(studentTCdf(t!, df!), p!, 1e-13);
    // At ν = 1e6 the front factor of the incomplete beta loses a little: 2e-11 relative.
    // scipy.stats.t.cdf(-5, 1e6)
    expectRel(studentTCdf(-5, 1e6), 2.8669989354453723e-7, 1e-9);
  });

  it("matches scipy.stats.t.ppf, including p = 1e-10 and df = 1", () => {
    // [p, df, scipy.stats.t.ppf(p, df)]
    const ref = [
      [0.975, 1, 12.706204736174694],
      [0.0005, 1, -636.6192487687196],
      [0.975, 2.5, 3.5746548420036817],
      [0.9, 3, 1.637744353696209],
      [1e-10, 4, -416.1751403296041],
      [0.995, 10.3, 3.1487034307056563],
      [0.025, 30, -2.042272456301238],
      [0.975, 1000, 1.9623390808264083],
      [0.3, 7, -0.5491096579472854],
      [0.999999, 2, 707.1057205157672],
      [0.975, 187.31, 1.9727097691512152],
    ];
    for (const [p, df, t] of ref) expectRel(studentTQuantile(p!, df!), t!, 1e-12);
  });

  it("tends to the normal as df grows", () => {
    expect(studentTQuantile(0.975, Infinity)).toBe(normalQuantile(0.975));
    expect(Math.abs(studentTQuantile(0.975, 1e7) - normalQuantile(0.975))).toBeLessThan(1e-6);
  });

  it("refuses df <= 0", () => {
    expect(() => studentTCdf(1, 0)).toThrow("studentTCdf needs degrees of freedom > 0, got 0");
    expect(() => studentTQuantile(0.5, -1)).toThrow("studentTQuantile needs degrees of freedom > 0, got -1");
  });
});

describe("chi-square", () => {
  it("is e^(−x/2) at df = 2 and 1 at x <= 0", () => {
    for (const x of [0.5, 3, 20]) expectRel(chiSquareSf(x, 2), Math.exp(-x / 2), 1e-14);
    expect(chiSquareSf(0, 3)).toBe(1);
  });

  it("matches scipy.stats.chi2.sf down to 1e-173", () => {
    // [x, df, scipy.stats.chi2.sf(x, df)]
    const ref = [
      [0.5, 1, 0.47950012218695337],
      [3.84, 1, 0.05004352124870519],
      [30, 1, 4.3204630578274955e-8],
      [100, 1, 1.5239706048320995e-23],
      [5, 2, 0.0820849986238988],
      [12, 3, 0.007383160505359769],
      [2, 10, 0.9963401531726563],
      [40, 10, 1.694474393006737e-5],
      [200, 50, 7.857610724654791e-20],
      [1000, 999, 0.48513148927490146],
      [0.01, 4, 0.9999875415886458],
      [800, 3, 4.327470814385081e-173],
    ];
    for (const [x, df, p] of ref) expectRel(chiSquareSf(x!, df!), p!, 1e-11);
  });
});

describe("beta cdf", () => {
  it("is 0 below the support and 1 above it", () => {
    expect(betaCdf(-0.1, 2, 3)).toBe(0);
    expect(betaCdf(1.1, 2, 3)).toBe(1);
    expectRel(betaCdf(0.5, 3, 3), 0.5, 1e-14);
  });
});
