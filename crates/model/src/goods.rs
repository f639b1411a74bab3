//! Which goods a figure is about: the two-digit chapter of the Harmonized
//! System (`"10"` cereals, `"25"` cement, `"27"` mineral fuels…) in
//! `Figure::product`, or none when it covers all goods or is not about
//! goods. Figures about different goods never stand together in a fact,
//! series, check or target.

/// A selection by goods.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Goods {
    /// Figures about one HS chapter (two digits, `01`..`97`).
    Chapter(String),
    /// Figures about no particular goods: all goods, or not about goods
    /// (`product` null). Written `none`.
    Unspecified,
}

impl Goods {
    /// Parses `none` or a two-digit HS chapter (`10`, `27`, `01`..`97`).
    pub fn parse(s: &str) -> Result<Goods, String> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("none") {
            return Ok(Goods::Unspecified);
        }
        let chapter = s.len() == 2
            && s.bytes().all(|b| b.is_ascii_digit())
            && s.parse::<u8>().is_ok_and(|n| (1..=97).contains(&n));
        if chapter {
            Ok(Goods::Chapter(s.to_owned()))
        } else {
            Err(format!(
                "product must be a two-digit HS chapter like 10 or 27 (01..97), or none for figures about no particular goods; got `{s}`"
            ))
        }
    }

    /// Whether a figure (or fact) with this `product` is selected.
    pub fn matches(&self, product: Option<&str>) -> bool {
        match self {
            Goods::Chapter(c) => product == Some(c.as_str()),
            Goods::Unspecified => product.is_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapters_and_none_parse_and_match() {
        let wheat = Goods::parse("10").unwrap();
        assert!(wheat.matches(Some("10")));
        assert!(!wheat.matches(Some("25")));
        assert!(!wheat.matches(None));
        let none = Goods::parse("None").unwrap();
        assert!(none.matches(None) && !none.matches(Some("10")));
        for bad in ["1", "100", "00", "98", "ab", ""] {
            assert!(Goods::parse(bad).is_err(), "{bad}");
        }
    }
}
