//! Exact fractions, so that a mean like 2,2 / 3 is never rounded before the one rounding the
//! call allows. Every value the rules compute is a `Ratio` until it is shown or summed.
//!
//! Almost every value fits two 128-bit integers, and is computed with them. Where a result
//! does not (amounts near 10^9 euro, six-decimal shares and maxima, six decimals in the call:
//! a linear criterion's max × x / x_max can need more than 300 bits), the computation goes on
//! in arbitrary precision (`num-bigint`), exactly; so no result the rules define is ever lost
//! to overflow. A large value that becomes small again returns to 128 bits.

use std::cmp::Ordering;
use std::fmt;
use std::ops::{Add, Mul, Neg, Sub};
use std::sync::Arc;

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};
use rust_decimal::Decimal;

/// A rounded value does not fit a decimal number (28 digits): far beyond any figure a call
/// can state, and beyond every figure the rules round (points are at most the criterion's
/// maximum, shares of bounded amounts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("valore troppo grande per un numero decimale")]
pub struct Overflow;

pub type Exact<T> = Result<T, Overflow>;

/// An exact fraction. Equality and order compare values, not spellings: 2/6 == 1/3.
#[derive(Debug, Clone)]
pub struct Ratio(Repr);

#[derive(Debug, Clone)]
enum Repr {
    /// num / den, with den > 0. Not kept reduced: reducing takes a greatest common divisor of
    /// 128-bit numbers at every step, which was most of the cost of scoring a large call. A
    /// value is reduced only when a product would overflow, and then the operation is tried
    /// again; only when the reduced form overflows too does it become `Big`.
    Small { num: i128, den: i128 },
    /// A value that does not fit 128 bits, in lowest terms (shared: copying a value is cheap).
    Big(Arc<BigRational>),
}

/// Binary GCD (Stein): shifts and subtractions instead of 128-bit divisions. One of the two is
/// always a denominator (positive), so the result fits in i128.
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
            return (a << shift) as i128;
        }
    }
}

fn small(num: i128, den: i128) -> Ratio {
    Ratio(Repr::Small { num, den })
}

/// A big fraction back in 128 bits when it fits (it is in lowest terms).
fn from_big(r: BigRational) -> Ratio {
    match (r.numer().to_i128(), r.denom().to_i128()) {
        (Some(num), Some(den)) => small(num, den),
        _ => Ratio(Repr::Big(Arc::new(r))),
    }
}

/// num / den (den > 0) in lowest terms.
fn reduce(num: i128, den: i128) -> (i128, i128) {
    let g = gcd(num, den);
    (num / g, den / g)
}

impl Ratio {
    pub const ZERO: Ratio = Ratio(Repr::Small { num: 0, den: 1 });
    pub const ONE: Ratio = Ratio(Repr::Small { num: 1, den: 1 });

    /// num / den; None when den is zero.
    pub fn new(num: i128, den: i128) -> Option<Ratio> {
        match den {
            0 => None,
            d if d < 0 => Some(match (num.checked_neg(), d.checked_neg()) {
                (Some(num), Some(den)) => small(num, den),
                _ => from_big(BigRational::new(num.into(), d.into())),
            }),
            _ => Some(small(num, den)),
        }
    }

    pub fn from_int(n: i64) -> Ratio {
        small(n.into(), 1)
    }

    pub fn from_decimal(d: Decimal) -> Ratio {
        // A Decimal's mantissa fits in 96 bits and its scale is at most 28: 10^28 fits in i128.
        small(d.mantissa(), 10i128.pow(d.scale()))
    }

    pub fn is_zero(&self) -> bool {
        match &self.0 {
            Repr::Small { num, .. } => *num == 0,
            Repr::Big(b) => b.is_zero(),
        }
    }

    /// The value as a big fraction (for the computations that do not fit 128 bits).
    fn big(&self) -> BigRational {
        match &self.0 {
            Repr::Small { num, den } => BigRational::new((*num).into(), (*den).into()),
            Repr::Big(b) => (**b).clone(),
        }
    }

    /// The same value in lowest terms, when it is small.
    fn reduced(&self) -> Option<(i128, i128)> {
        self.parts().map(|(num, den)| reduce(num, den))
    }

    fn small_sum(a: (i128, i128), b: (i128, i128)) -> Option<Ratio> {
        let num = a.0.checked_mul(b.1)?.checked_add(b.0.checked_mul(a.1)?)?;
        Some(small(num, a.1.checked_mul(b.1)?))
    }

    fn small_product(a: (i128, i128), b: (i128, i128)) -> Option<Ratio> {
        Some(small(a.0.checked_mul(b.0)?, a.1.checked_mul(b.1)?))
    }

    fn parts(&self) -> Option<(i128, i128)> {
        match self.0 {
            Repr::Small { num, den } => Some((num, den)),
            Repr::Big(_) => None,
        }
    }

    /// self / o; None when o is zero, which the caller must have ruled out.
    pub fn checked_div(&self, o: &Ratio) -> Option<Ratio> {
        if o.is_zero() {
            return None;
        }
        let inverse = match &o.0 {
            Repr::Small { num, den } => Ratio::new(*den, *num)?,
            Repr::Big(b) => Ratio(Repr::Big(Arc::new(b.recip()))),
        };
        Some(self * &inverse)
    }

    /// num × 10^dp and den, in 128 bits when they fit (from the reduced value if need be).
    fn small_scaled(&self, dp: u32) -> Option<(i128, i128)> {
        let p = 10i128.checked_pow(dp)?;
        let (num, den) = self.parts()?;
        if let Some(scaled) = num.checked_mul(p) {
            return Some((scaled, den));
        }
        let (num, den) = reduce(num, den);
        Some((num.checked_mul(p)?, den))
    }

    /// num × 10^dp and den, exactly.
    fn big_scaled(&self, dp: u32) -> (BigInt, BigInt) {
        let b = self.big() * BigRational::from_integer(BigInt::from(10).pow(dp));
        (b.numer().clone(), b.denom().clone())
    }

    /// Rounded half away from zero ("per eccesso dalla metà") to `dp` decimals: the rounding of
    /// points.
    pub fn round_half_up(&self, dp: u32) -> Exact<Decimal> {
        if let Some((scaled, den)) = self.small_scaled(dp)
            && let Some(abs) = scaled.checked_abs()
        {
            // |scaled| / den, rounded half up, without doubling (which could overflow).
            let q = abs / den;
            let r = abs - q * den;
            let q = if r >= den - r { q + 1 } else { q };
            return to_decimal(if scaled < 0 { -q } else { q }, dp);
        }
        let (scaled, den) = self.big_scaled(dp);
        let (q, r) = scaled.abs().div_rem(&den);
        let q = if &r + &r >= den { q + BigInt::one() } else { q };
        to_decimal_big(if scaled.is_negative() { -q } else { q }, dp)
    }

    /// Rounded down to `dp` decimals: a share below a limit stays below it when shown.
    pub fn floor(&self, dp: u32) -> Exact<Decimal> {
        if let Some((scaled, den)) = self.small_scaled(dp) {
            return to_decimal(scaled.div_euclid(den), dp);
        }
        let (scaled, den) = self.big_scaled(dp);
        to_decimal_big(scaled.div_floor(&den), dp)
    }

    /// Rounded up to `dp` decimals: a share above a limit stays above it when shown.
    pub fn ceil(&self, dp: u32) -> Exact<Decimal> {
        if let Some((scaled, den)) = self.small_scaled(dp) {
            let q = scaled.div_euclid(den);
            let q = if scaled.rem_euclid(den) == 0 {
                q
            } else {
                q + 1
            };
            return to_decimal(q, dp);
        }
        let (scaled, den) = self.big_scaled(dp);
        to_decimal_big(scaled.div_ceil(&den), dp)
    }
}

fn to_decimal(mantissa: i128, dp: u32) -> Exact<Decimal> {
    Decimal::try_from_i128_with_scale(mantissa, dp).map_err(|_| Overflow)
}

fn to_decimal_big(mantissa: BigInt, dp: u32) -> Exact<Decimal> {
    to_decimal(mantissa.to_i128().ok_or(Overflow)?, dp)
}

impl Add for &Ratio {
    type Output = Ratio;

    // Adding fractions divides by common factors: the division is meant.
    #[allow(clippy::suspicious_arithmetic_impl)]
    fn add(self, o: &Ratio) -> Ratio {
        if let (Some(a), Some(b)) = (self.parts(), o.parts()) {
            if let Some(r) = Ratio::small_sum(a, b) {
                return r;
            }
            // Over the reduced forms and the least common denominator.
            let sum = || {
                let (a, b) = (reduce(a.0, a.1), reduce(b.0, b.1));
                let g = gcd(a.1, b.1);
                let den = (a.1 / g).checked_mul(b.1)?;
                let x = a.0.checked_mul(b.1 / g)?;
                let y = b.0.checked_mul(a.1 / g)?;
                let (num, den) = reduce(x.checked_add(y)?, den);
                Some(small(num, den))
            };
            if let Some(r) = sum() {
                return r;
            }
        }
        from_big(self.big() + o.big())
    }
}

impl Neg for &Ratio {
    type Output = Ratio;

    fn neg(self) -> Ratio {
        match &self.0 {
            Repr::Small { num, den } => match num.checked_neg() {
                Some(num) => small(num, *den),
                None => from_big(-self.big()),
            },
            Repr::Big(b) => from_big(-(**b).clone()),
        }
    }
}

impl Sub for &Ratio {
    type Output = Ratio;

    fn sub(self, o: &Ratio) -> Ratio {
        self + &-o
    }
}

impl Mul for &Ratio {
    type Output = Ratio;

    // Cross-reduction divides by common factors: the division is meant.
    #[allow(clippy::suspicious_arithmetic_impl)]
    fn mul(self, o: &Ratio) -> Ratio {
        if let (Some(a), Some(b)) = (self.parts(), o.parts()) {
            if let Some(r) = Ratio::small_product(a, b) {
                return r;
            }
            // Cross-reduce, so that the products stay small.
            let product = || {
                let (a, b) = (reduce(a.0, a.1), reduce(b.0, b.1));
                let g1 = gcd(a.0, b.1);
                let g2 = gcd(b.0, a.1);
                let num = (a.0 / g1).checked_mul(b.0 / g2)?;
                let den = (a.1 / g2).checked_mul(b.1 / g1)?;
                Some(small(num, den))
            };
            if let Some(r) = product() {
                return r;
            }
        }
        from_big(self.big() * o.big())
    }
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
        match (self.parts(), other.parts()) {
            // Both denominators are positive, so cross-multiplying keeps the order.
            (Some(a), Some(b)) => match (a.0.checked_mul(b.1), b.0.checked_mul(a.1)) {
                (Some(x), Some(y)) => x.cmp(&y),
                _ => compare_large(a, b),
            },
            _ => self.big().cmp(&other.big()),
        }
    }
}

/// The order of two fractions too large to cross-multiply, exactly: the integer parts first,
/// then the remainders, by their reciprocals (a continued fraction). Each turn takes the place
/// of a step of Euclid's algorithm, so it ends.
fn compare_large(x: (i128, i128), y: (i128, i128)) -> Ordering {
    let ((mut a, mut b), (mut c, mut d)) = (x, y);
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
        match self.reduced() {
            Some((num, den)) => write!(f, "{num}/{den}"),
            None => {
                let b = self.big();
                write!(f, "{}/{}", b.numer(), b.denom())
            }
        }
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
        let mean = r(22, 10).checked_div(&Ratio::from_int(3)).unwrap();
        let points = &Ratio::from_int(40) * &mean;
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
            (&share * &Ratio::from_int(100)).floor(4).unwrap(),
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
        let x = &r(big, 3 * big) * &r(3 * big, big);
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
            proptest::prop_assert_eq!(&bx * &by, &x * &y);
            proptest::prop_assert_eq!(&bx + &by, &x + &y);
            proptest::prop_assert_eq!(bx.round_half_up(4).ok(), x.round_half_up(4).ok());
            proptest::prop_assert_eq!(bx.floor(4).ok(), x.floor(4).ok());
            proptest::prop_assert_eq!(bx.ceil(4).ok(), x.ceil(4).ok());
        }
    }

    fn big(r: &Ratio) -> BigRational {
        r.big()
    }

    /// Half up, for the reference: away from zero at the half.
    fn big_round(x: &BigRational, dp: u32) -> Option<Decimal> {
        let scaled = x * BigRational::from_integer(BigInt::from(10).pow(dp));
        let (q, r) = scaled.numer().abs().div_rem(scaled.denom());
        let q = if &r + &r >= *scaled.denom() { q + 1 } else { q };
        let q = if scaled.is_negative() { -q } else { q };
        Decimal::try_from_i128_with_scale(q.to_i128()?, dp).ok()
    }

    proptest::proptest! {
        /// Any two 128-bit fractions, however large their parts: sums, differences, products,
        /// quotients, order and rounding are those of arbitrary precision, and a result that
        /// fits 128 bits again is kept there.
        #[test]
        fn every_operation_is_exact_beyond_128_bits(
            n1 in proptest::num::i128::ANY, d1 in 1i128..=i128::MAX,
            n2 in proptest::num::i128::ANY, d2 in 1i128..=i128::MAX,
            dp in 0u32..=6,
        ) {
            let (x, y) = (r(n1, d1), r(n2, d2));
            let (bx, by) = (big(&x), big(&y));
            proptest::prop_assert_eq!(big(&(&x + &y)), &bx + &by);
            proptest::prop_assert_eq!(big(&(&x - &y)), &bx - &by);
            proptest::prop_assert_eq!(big(&(&x * &y)), &bx * &by);
            if !y.is_zero() {
                let q = x.checked_div(&y).unwrap();
                proptest::prop_assert_eq!(big(&q), &bx / &by);
                // (x / y) × y = x, through whatever form the quotient took.
                proptest::prop_assert_eq!(&q * &y, x.clone());
            }
            proptest::prop_assert_eq!(x.cmp(&y), bx.cmp(&by));
            let product = &x * &y;
            proptest::prop_assert_eq!(product.round_half_up(dp).ok(), big_round(&(&bx * &by), dp));
            proptest::prop_assert_eq!(x.round_half_up(dp).ok(), big_round(&bx, dp));
            let scaled = &bx * BigRational::from_integer(BigInt::from(10).pow(dp));
            let at = |q: BigInt| Decimal::try_from_i128_with_scale(q.to_i128()?, dp).ok();
            proptest::prop_assert_eq!(x.floor(dp).ok(), at(scaled.numer().div_floor(scaled.denom())));
            proptest::prop_assert_eq!(x.ceil(dp).ok(), at(scaled.numer().div_ceil(scaled.denom())));
        }
    }

    #[test]
    fn a_product_beyond_128_bits_comes_back_when_divided() {
        let big = r(i128::MAX, 3);
        let square = &big * &big;
        assert!(matches!(square.0, Repr::Big(_)));
        let back = square.checked_div(&big).unwrap();
        assert!(matches!(back.0, Repr::Small { .. }));
        assert_eq!(back, big);
        assert_eq!(
            r(1, i128::MAX).checked_div(&r(1, i128::MAX)),
            Some(Ratio::ONE)
        );
        assert_eq!(
            (&(&square - &square) + &Ratio::ONE)
                .round_half_up(2)
                .unwrap(),
            dec!(1.00)
        );
    }

    #[test]
    fn division_by_zero_is_refused() {
        assert_eq!(Ratio::ONE.checked_div(&Ratio::ZERO), None);
    }
}
