//! Exact fractions, so that a mean like 2,2 / 3 is never rounded before the one rounding the
//! call allows. Every value the rules compute is a `Ratio` until it is shown or summed.

use std::cmp::Ordering;
use std::fmt;

use rust_decimal::Decimal;

/// The figures were too large for exact arithmetic (far beyond any real call).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("importi troppo grandi per un calcolo esatto")]
pub struct Overflow;

pub type Exact<T> = Result<T, Overflow>;

/// num / den, with den > 0 and the fraction reduced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ratio {
    num: i128,
    den: i128,
}

/// Binary GCD (Stein): shifts and subtractions instead of 128-bit divisions, which are slow
/// and would dominate the evaluation of a large call.
fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    if a == 0 || b == 0 {
        return (a | b).max(1) as i128;
    }
    let shift = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    loop {
        b >>= b.trailing_zeros();
        if a > b {
            (a, b) = (b, a);
        }
        b -= a;
        if b == 0 {
            // Both inputs fit in i128, so their gcd does too.
            return (a << shift) as i128;
        }
    }
}

fn pow10(exp: u32) -> Exact<i128> {
    10i128.checked_pow(exp).ok_or(Overflow)
}

impl Ratio {
    pub const ZERO: Ratio = Ratio { num: 0, den: 1 };
    pub const ONE: Ratio = Ratio { num: 1, den: 1 };

    pub fn new(num: i128, den: i128) -> Exact<Ratio> {
        if den == 0 {
            return Err(Overflow);
        }
        if den == 1 {
            return Ok(Ratio { num, den });
        }
        let sign = if den < 0 { -1 } else { 1 };
        let g = gcd(num, den);
        Ok(Ratio {
            num: sign * num / g,
            den: sign * den / g,
        })
    }

    pub fn from_int(n: i64) -> Ratio {
        Ratio {
            num: n.into(),
            den: 1,
        }
    }

    pub fn from_decimal(d: Decimal) -> Ratio {
        // A Decimal's mantissa fits in 96 bits and its scale is at most 28: 10^28 fits in i128.
        Ratio::new(d.mantissa(), 10i128.pow(d.scale())).unwrap_or(Ratio::ZERO)
    }

    pub fn is_zero(self) -> bool {
        self.num == 0
    }

    pub fn checked_add(self, o: Ratio) -> Exact<Ratio> {
        let g = gcd(self.den, o.den);
        let den = (self.den / g).checked_mul(o.den).ok_or(Overflow)?;
        let a = self.num.checked_mul(o.den / g).ok_or(Overflow)?;
        let b = o.num.checked_mul(self.den / g).ok_or(Overflow)?;
        Ratio::new(a.checked_add(b).ok_or(Overflow)?, den)
    }

    pub fn checked_sub(self, o: Ratio) -> Exact<Ratio> {
        self.checked_add(Ratio {
            num: -o.num,
            den: o.den,
        })
    }

    pub fn checked_mul(self, o: Ratio) -> Exact<Ratio> {
        // Cross-reduce first, so that the products stay small.
        let g1 = gcd(self.num, o.den);
        let g2 = gcd(o.num, self.den);
        let num = (self.num / g1).checked_mul(o.num / g2).ok_or(Overflow)?;
        let den = (self.den / g2).checked_mul(o.den / g1).ok_or(Overflow)?;
        Ratio::new(num, den)
    }

    /// self / o; dividing by zero is an error the caller must have ruled out.
    pub fn checked_div(self, o: Ratio) -> Exact<Ratio> {
        if o.num == 0 {
            return Err(Overflow);
        }
        self.checked_mul(Ratio {
            num: o.den,
            den: o.num,
        })
    }

    pub fn max(self, o: Ratio) -> Ratio {
        if o > self { o } else { self }
    }

    /// Rounded half away from zero ("per eccesso dalla metà") to `dp` decimals: the rounding of
    /// points.
    pub fn round_half_up(self, dp: u32) -> Exact<Decimal> {
        let scaled = self.num.checked_mul(pow10(dp)?).ok_or(Overflow)?;
        let twice = scaled.checked_mul(2).ok_or(Overflow)?;
        let q = if twice >= 0 {
            (twice + self.den) / (2 * self.den)
        } else {
            -((-twice + self.den) / (2 * self.den))
        };
        to_decimal(q, dp)
    }

    /// Rounded down to `dp` decimals: a share below a limit stays below it when shown.
    pub fn floor(self, dp: u32) -> Exact<Decimal> {
        let scaled = self.num.checked_mul(pow10(dp)?).ok_or(Overflow)?;
        to_decimal(scaled.div_euclid(self.den), dp)
    }

    /// Rounded up to `dp` decimals: a share above a limit stays above it when shown.
    pub fn ceil(self, dp: u32) -> Exact<Decimal> {
        let scaled = self.num.checked_mul(pow10(dp)?).ok_or(Overflow)?;
        let q = scaled.div_euclid(self.den);
        let q = if scaled.rem_euclid(self.den) == 0 {
            q
        } else {
            q + 1
        };
        to_decimal(q, dp)
    }
}

fn to_decimal(mantissa: i128, dp: u32) -> Exact<Decimal> {
    Decimal::try_from_i128_with_scale(mantissa, dp).map_err(|_| Overflow)
}

impl PartialOrd for Ratio {
    fn partial_cmp(&self, other: &Ratio) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ratio {
    fn cmp(&self, other: &Ratio) -> Ordering {
        // Both denominators are positive, so cross-multiplying keeps the order. Values this
        // large never arise from a call's figures; comparing as floats would then be wrong, so
        // fall back to comparing the integer parts and remainders exactly.
        match (
            self.num.checked_mul(other.den),
            other.num.checked_mul(self.den),
        ) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => {
                let (qa, ra) = (self.num.div_euclid(self.den), self.num.rem_euclid(self.den));
                let (qb, rb) = (
                    other.num.div_euclid(other.den),
                    other.num.rem_euclid(other.den),
                );
                qa.cmp(&qb).then_with(|| {
                    Ratio {
                        num: ra,
                        den: self.den,
                    }
                    .cmp(&Ratio {
                        num: rb,
                        den: other.den,
                    })
                })
            }
        }
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.num, self.den)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn r(n: i128, d: i128) -> Ratio {
        Ratio::new(n, d).unwrap()
    }

    #[test]
    fn a_third_of_eighty_eight_rounds_once() {
        // 40 × 2,2 / 3 = 29,333…
        let mean = r(22, 10).checked_div(Ratio::from_int(3)).unwrap();
        let points = Ratio::from_int(40).checked_mul(mean).unwrap();
        assert_eq!(points.round_half_up(2).unwrap(), dec!(29.33));
    }

    #[test]
    fn halves_round_up() {
        assert_eq!(r(12345, 1000).round_half_up(2).unwrap(), dec!(12.35));
        assert_eq!(r(12344, 1000).round_half_up(2).unwrap(), dec!(12.34));
        assert_eq!(r(5, 1000).round_half_up(2).unwrap(), dec!(0.01));
    }

    #[test]
    fn floor_and_ceil_keep_their_side_of_a_limit() {
        let share = r(333_333, 3_333_333); // 9,99999…%
        assert_eq!(
            share
                .checked_mul(Ratio::from_int(100))
                .unwrap()
                .floor(4)
                .unwrap(),
            dec!(9.9999)
        );
        assert_eq!(r(90_001, 100_000).ceil(2).unwrap(), dec!(0.91));
        assert_eq!(r(9, 10).ceil(2).unwrap(), dec!(0.90));
    }

    #[test]
    fn order_is_exact() {
        assert!(r(1, 3) < r(333_334, 1_000_000));
        assert!(r(2, 6) == r(1, 3));
        assert_eq!(Ratio::from_decimal(dec!(0.80)), r(4, 5));
    }

    #[test]
    fn gcd_agrees_with_euclid() {
        fn euclid(mut a: i128, mut b: i128) -> i128 {
            (a, b) = (a.abs(), b.abs());
            while b != 0 {
                (a, b) = (b, a % b);
            }
            a.max(1)
        }
        let samples = [
            0,
            1,
            2,
            3,
            12,
            18,
            1_000_000_007,
            2i128.pow(90),
            3i128.pow(70),
            -48,
            10i128.pow(28),
        ];
        for a in samples {
            for b in samples {
                assert_eq!(gcd(a, b), euclid(a, b), "gcd({a}, {b})");
            }
        }
    }

    #[test]
    fn division_by_zero_is_refused() {
        assert_eq!(Ratio::ONE.checked_div(Ratio::ZERO), Err(Overflow));
    }
}
