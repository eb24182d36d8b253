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

/// num / den, with den > 0. Not kept reduced: reducing takes a greatest common divisor of
/// 128-bit numbers at every step, which was most of the cost of scoring a large call. A value
/// is reduced only when a product would overflow, and then the operation is tried again, so a
/// result is never lost to overflow that the reduced fractions would have avoided. Equality
/// and order compare values, not spellings: 2/6 == 1/3.
#[derive(Debug, Clone, Copy)]
pub struct Ratio {
    num: i128,
    den: i128,
}

/// Binary GCD (Stein): shifts and subtractions instead of 128-bit divisions.
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
        match den {
            0 => Err(Overflow),
            d if d < 0 => Ok(Ratio {
                num: num.checked_neg().ok_or(Overflow)?,
                den: d.checked_neg().ok_or(Overflow)?,
            }),
            _ => Ok(Ratio { num, den }),
        }
    }

    pub fn from_int(n: i64) -> Ratio {
        Ratio {
            num: n.into(),
            den: 1,
        }
    }

    pub fn from_decimal(d: Decimal) -> Ratio {
        // A Decimal's mantissa fits in 96 bits and its scale is at most 28: 10^28 fits in i128.
        Ratio {
            num: d.mantissa(),
            den: 10i128.pow(d.scale()),
        }
    }

    pub fn is_zero(self) -> bool {
        self.num == 0
    }

    /// The same value in lowest terms.
    fn reduced(self) -> Ratio {
        let g = gcd(self.num, self.den);
        Ratio {
            num: self.num / g,
            den: self.den / g,
        }
    }

    pub fn checked_add(self, o: Ratio) -> Exact<Ratio> {
        let sum = |a: Ratio, b: Ratio| -> Option<Ratio> {
            Some(Ratio {
                num: a
                    .num
                    .checked_mul(b.den)?
                    .checked_add(b.num.checked_mul(a.den)?)?,
                den: a.den.checked_mul(b.den)?,
            })
        };
        if let Some(r) = sum(self, o) {
            return Ok(r);
        }
        let (a, b) = (self.reduced(), o.reduced());
        let g = gcd(a.den, b.den);
        let den = (a.den / g).checked_mul(b.den).ok_or(Overflow)?;
        let x = a.num.checked_mul(b.den / g).ok_or(Overflow)?;
        let y = b.num.checked_mul(a.den / g).ok_or(Overflow)?;
        Ok(Ratio {
            num: x.checked_add(y).ok_or(Overflow)?,
            den,
        }
        .reduced())
    }

    pub fn checked_sub(self, o: Ratio) -> Exact<Ratio> {
        self.checked_add(Ratio {
            num: o.num.checked_neg().ok_or(Overflow)?,
            den: o.den,
        })
    }

    pub fn checked_mul(self, o: Ratio) -> Exact<Ratio> {
        if let (Some(num), Some(den)) = (self.num.checked_mul(o.num), self.den.checked_mul(o.den)) {
            return Ok(Ratio { num, den });
        }
        // Cross-reduce, so that the products stay small.
        let (a, b) = (self.reduced(), o.reduced());
        let g1 = gcd(a.num, b.den);
        let g2 = gcd(b.num, a.den);
        let num = (a.num / g1).checked_mul(b.num / g2).ok_or(Overflow)?;
        let den = (a.den / g2).checked_mul(b.den / g1).ok_or(Overflow)?;
        Ok(Ratio { num, den })
    }

    /// self / o; dividing by zero is an error the caller must have ruled out.
    pub fn checked_div(self, o: Ratio) -> Exact<Ratio> {
        if o.num == 0 {
            return Err(Overflow);
        }
        self.checked_mul(Ratio::new(o.den, o.num)?)
    }

    pub fn max(self, o: Ratio) -> Ratio {
        if o > self { o } else { self }
    }

    /// num × 10^dp, from the reduced value when the plain one would overflow.
    fn scaled(self, dp: u32) -> Exact<(i128, i128)> {
        let p = pow10(dp)?;
        match self.num.checked_mul(p) {
            Some(scaled) => Ok((scaled, self.den)),
            None => {
                let r = self.reduced();
                Ok((r.num.checked_mul(p).ok_or(Overflow)?, r.den))
            }
        }
    }

    /// Rounded half away from zero ("per eccesso dalla metà") to `dp` decimals: the rounding of
    /// points.
    pub fn round_half_up(self, dp: u32) -> Exact<Decimal> {
        let (scaled, den) = self.scaled(dp)?;
        // |scaled| / den, rounded half up, without doubling (which could overflow).
        let q = scaled.abs() / den;
        let r = scaled.abs() - q * den;
        let q = if r >= den - r { q + 1 } else { q };
        to_decimal(if scaled < 0 { -q } else { q }, dp)
    }

    /// Rounded down to `dp` decimals: a share below a limit stays below it when shown.
    pub fn floor(self, dp: u32) -> Exact<Decimal> {
        let (scaled, den) = self.scaled(dp)?;
        to_decimal(scaled.div_euclid(den), dp)
    }

    /// Rounded up to `dp` decimals: a share above a limit stays above it when shown.
    pub fn ceil(self, dp: u32) -> Exact<Decimal> {
        let (scaled, den) = self.scaled(dp)?;
        let q = scaled.div_euclid(den);
        let q = if scaled.rem_euclid(den) == 0 {
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

impl PartialEq for Ratio {
    fn eq(&self, other: &Ratio) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ratio {}

impl PartialOrd for Ratio {
    fn partial_cmp(&self, other: &Ratio) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ratio {
    fn cmp(&self, other: &Ratio) -> Ordering {
        // Both denominators are positive, so cross-multiplying keeps the order.
        match (
            self.num.checked_mul(other.den),
            other.num.checked_mul(self.den),
        ) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => compare_large(*self, *other),
        }
    }
}

/// The order of two fractions too large to cross-multiply, exactly: the integer parts first,
/// then the remainders, by their reciprocals (a continued fraction). Each turn takes the place
/// of a step of Euclid's algorithm, so it ends.
fn compare_large(x: Ratio, y: Ratio) -> Ordering {
    let (mut a, mut b, mut c, mut d) = (x.num, x.den, y.num, y.den);
    let mut reversed = false;
    loop {
        let (qa, ra) = (a.div_euclid(b), a.rem_euclid(b));
        let (qc, rc) = (c.div_euclid(d), c.rem_euclid(d));
        let order = match qa.cmp(&qc) {
            Ordering::Equal => match (ra == 0, rc == 0) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Less,
                (false, true) => Ordering::Greater,
                // ra/b < rc/d exactly when b/ra > d/rc.
                (false, false) => {
                    (a, b, c, d) = (b, ra, d, rc);
                    reversed = !reversed;
                    continue;
                }
            },
            order => order,
        };
        return if reversed { order.reverse() } else { order };
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = self.reduced();
        write!(f, "{}/{}", r.num, r.den)
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
    fn equal_values_are_equal_however_written() {
        assert_eq!(r(2, 6), r(1, 3));
        assert_eq!(Ratio::from_decimal(dec!(0.50)), r(1, 2));
        assert_eq!(r(-4, -8), r(1, 2));
        assert_eq!(r(2, 6).to_string(), "1/3");
    }

    #[test]
    fn fractions_too_large_to_cross_multiply_still_compare_exactly() {
        let big = 10i128.pow(30);
        let a = r(big + 1, big);
        let b = r(big + 2, big + 1);
        // (10^30 + 1)/10^30 − (10^30 + 2)/(10^30 + 1) = 1 / (10^30 (10^30 + 1)) > 0
        assert_eq!(a.cmp(&b), Ordering::Greater);
        assert_eq!(b.cmp(&a), Ordering::Less);
        assert_eq!(
            r(3 * big, 3 * big + 3).cmp(&r(big, big + 1)),
            Ordering::Equal
        );
        assert_eq!(r(-big - 1, big).cmp(&r(-big - 2, big + 1)), Ordering::Less);
    }

    #[test]
    fn products_that_would_overflow_are_reduced_first() {
        let big = 10i128.pow(20);
        // (10^20 / 3·10^20) × (3·10^20 / 10^20) = 1, although the plain products overflow.
        let x = r(big, 3 * big).checked_mul(r(3 * big, big)).unwrap();
        assert_eq!(x, Ratio::ONE);
        assert_eq!(x.round_half_up(2).unwrap(), dec!(1.00));
    }

    proptest::proptest! {
        /// Fractions scaled up until cross-multiplying overflows still order, compare equal
        /// and multiply as their small forms do.
        #[test]
        fn large_spellings_behave_as_small_ones(
            n1 in -1_000_000i128..1_000_000, d1 in 1i128..1_000_000,
            n2 in -1_000_000i128..1_000_000, d2 in 1i128..1_000_000,
            k1 in 1i128..1_000_000_000, k2 in 1i128..1_000_000_000,
        ) {
            let big = 10i128.pow(20);
            let (x, y) = (r(n1, d1), r(n2, d2));
            let (bx, by) = (r(n1 * k1 * big, d1 * k1 * big), r(n2 * k2 * big, d2 * k2 * big));
            proptest::prop_assert_eq!(bx.cmp(&by), x.cmp(&y));
            proptest::prop_assert!(bx == x);
            proptest::prop_assert_eq!(bx.checked_mul(by).ok(), x.checked_mul(y).ok());
            proptest::prop_assert_eq!(
                bx.checked_add(by).ok(),
                x.checked_add(y).ok(),
            );
            proptest::prop_assert_eq!(bx.round_half_up(4).ok(), x.round_half_up(4).ok());
            proptest::prop_assert_eq!(bx.floor(4).ok(), x.floor(4).ok());
            proptest::prop_assert_eq!(bx.ceil(4).ok(), x.ceil(4).ok());
        }
    }

    #[test]
    fn division_by_zero_is_refused() {
        assert_eq!(Ratio::ONE.checked_div(Ratio::ZERO), Err(Overflow));
    }
}
