//! Masking of personal data (NIK, names, passport numbers) before anything reaches a log.

/// `3171011211870001` → `3171**********01`: enough to tell two records apart in a log, not enough
/// to identify a person.
pub fn mask_nik(nik: &str) -> String {
    mask_middle(nik, 4, 2)
}

/// `Budi Santoso` → `B*** S******`.
pub fn mask_name(name: &str) -> String {
    name.split_whitespace()
        .map(|word| {
            let mut chars = word.chars();
            let first = chars.next().map(String::from).unwrap_or_default();
            first + &"*".repeat(chars.count())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Keeps `head` leading and `tail` trailing characters and stars the rest.
pub fn mask_middle(s: &str, head: usize, tail: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= head + tail {
        return "*".repeat(chars.len());
    }
    let mut out: String = chars[..head].iter().collect();
    out.push_str(&"*".repeat(chars.len() - head - tail));
    out.extend(&chars[chars.len() - tail..]);
    out
}

/// Last line of defence for free text on its way to a log file: any run of 16 digits (a NIK or a KK
/// number) is masked, whatever code wrote it.
pub fn mask_digit_runs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= 16 {
            out.push_str(&mask_nik(run));
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_only_a_hint() {
        assert_eq!(mask_nik("3171011211870001"), "3171**********01");
        assert_eq!(mask_name("Budi  Santoso"), "B*** S******");
        assert_eq!(mask_middle("X1234567", 1, 2), "X*****67");
        assert_eq!(mask_middle("ab", 2, 2), "**");
    }

    #[test]
    fn digit_runs_of_sixteen_or_more_are_masked_in_free_text() {
        let line = "scan nik=3171011211870001 kk=3171010101010001, booking 12345";
        let masked = mask_digit_runs(line);
        assert_eq!(
            masked,
            "scan nik=3171**********01 kk=3171**********01, booking 12345"
        );
    }
}
