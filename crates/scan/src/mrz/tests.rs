use super::*;
use crate::mrz::templates;

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 21,
};

const TD3: [&str; 2] = [
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
];
const TD1: [&str; 3] = [
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
];
const TD2: [&str; 2] = [
    "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
    "D231458907UTO7408122F1204159<<<<<<<6",
];

fn cd(s: &str) -> char {
    char::from(b'0' + check_digit(s).unwrap())
}

/// A visa middle line with correct check digits (MRV has no composite).
fn visa_line2(len: usize) -> String {
    let mut l = String::new();
    l.push_str("L8988901C");
    l.push(cd("L8988901C"));
    l.push_str("XXX400907");
    l.push(cd("400907"));
    l.push('F');
    l.push_str("961210");
    l.push(cd("961210"));
    while l.len() < len {
        l.push('<');
    }
    l
}

#[test]
fn check_digits_follow_icao_9303() {
    assert_eq!(check_digit("L898902C3"), Some(6));
    assert_eq!(check_digit("740812"), Some(2));
    assert_eq!(check_digit("120415"), Some(9));
    assert_eq!(check_digit("ZE184226B<<<<<"), Some(1));
    assert_eq!(check_digit("<<<<"), Some(0));
    assert_eq!(check_digit("D23145890"), Some(7));
    assert_eq!(check_digit("l898"), None);
    assert_eq!(char_value(b'A'), Some(10));
    assert_eq!(char_value(b'Z'), Some(35));
}

#[test]
fn icao_td3_specimen_is_valid_with_every_field() {
    let m = parse(&TD3, TODAY).unwrap();
    assert_eq!(m.format, Format::Td3);
    assert!(m.valid, "{:?}", m.problems);
    assert_eq!(m.document_code, "P");
    assert_eq!(m.issuing_state, "UTO");
    assert_eq!(m.document_number, "L898902C3");
    assert_eq!(m.nationality, "UTO");
    assert_eq!(m.birth_date, Date::new(1974, 8, 12));
    assert_eq!(m.sex, Some(Sex::Female));
    assert_eq!(m.expiry_date, Date::new(2012, 4, 15));
    assert_eq!(m.primary_identifier, "ERIKSSON");
    assert_eq!(m.secondary_identifier, "ANNA MARIA");
    assert_eq!(m.optional_data, "ZE184226B");
    assert_eq!(m.checks.composite, Some(true));
    assert_eq!(m.checks.optional_data, Some(true));
}

#[test]
fn icao_td1_specimen_is_valid_with_every_field() {
    let m = parse(&TD1, TODAY).unwrap();
    assert_eq!(m.format, Format::Td1);
    assert!(m.valid, "{:?}", m.problems);
    assert_eq!(m.document_code, "I");
    assert_eq!(m.document_number, "D23145890");
    assert_eq!(m.nationality, "UTO");
    assert_eq!(m.birth_date, Date::new(1974, 8, 12));
    assert_eq!(m.expiry_date, Date::new(2012, 4, 15));
    assert_eq!(m.primary_identifier, "ERIKSSON");
    assert_eq!(m.secondary_identifier, "ANNA MARIA");
    assert_eq!(m.checks.composite, Some(true));
}

#[test]
fn td2_specimen_is_valid() {
    let m = parse(&TD2, TODAY).unwrap();
    assert_eq!(m.format, Format::Td2);
    assert!(m.valid, "{:?}", m.problems);
    assert_eq!(m.document_number, "D23145890");
    assert_eq!(m.checks.composite, Some(true));
}

#[test]
fn visas_parse_without_a_composite() {
    let a = visa_line2(44);
    let m = parse(&["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", &a], TODAY).unwrap();
    assert_eq!(m.format, Format::MrvA);
    assert!(m.valid, "{:?}", m.problems);
    assert_eq!(m.checks.composite, None);
    assert_eq!(m.expiry_date, Date::new(2096, 12, 10));
    let b = visa_line2(36);
    let m = parse(&["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", &b], TODAY).unwrap();
    assert_eq!(m.format, Format::MrvB);
    assert!(m.valid, "{:?}", m.problems);
    assert_eq!(m.birth_date, Date::new(1940, 9, 7));
}

#[test]
fn td1_long_document_number_overflows_into_optional_data() {
    // Nine principal characters, `<` in the check position, the rest plus its check digit
    // at the start of the optional data.
    let number = "D23145890123";
    let top = format!(
        "I<UTO{}<{}{}<<<<<<<<<<<",
        &number[..9],
        &number[9..],
        cd(number)
    );
    let mid_body = "7408122F1204159UTO<<<<<<<<<<<";
    let composite = format!(
        "{}{}{}{}",
        &top[5..30],
        &mid_body[0..7],
        &mid_body[8..15],
        &mid_body[18..29]
    );
    let mid = format!("{mid_body}{}", cd(&composite));
    let m = parse(&[&top, &mid, TD1[2]], TODAY).unwrap();
    assert!(m.valid, "{:?}", m.problems);
    assert_eq!(m.document_number, number);
}

#[test]
fn birth_century_is_the_one_in_the_past_relative_to_today() {
    let m = parse(&TD3, Date::new(2026, 1, 1).unwrap()).unwrap();
    assert_eq!(m.birth_date.unwrap().year, 1974);
    // Born 2025-05-01: 20xx while that is not after today, 19xx from the day before.
    let line2 = |dob: &str| {
        let body = format!("L898902C36UTO{dob}{}F1204159ZE184226B<<<<<1", cd(dob));
        let comp = format!("{}{}{}", &body[0..10], &body[13..20], &body[21..43]);
        format!("{body}{}", cd(&comp))
    };
    let l2 = line2("250501");
    let m = parse(&[TD3[0], &l2], Date::new(2026, 11, 21).unwrap()).unwrap();
    assert!(m.valid, "{:?}", m.problems);
    assert_eq!(m.birth_date, Date::new(2025, 5, 1));
    let m = parse(&[TD3[0], &l2], Date::new(2025, 4, 30).unwrap()).unwrap();
    assert_eq!(m.birth_date, Date::new(1925, 5, 1));
    // Expiry is always 20xx, even "99".
    assert_eq!(m.expiry_date, Date::new(2012, 4, 15));
    let l2 = line2("000229"); // 2000 was a leap year
    let m = parse(&[TD3[0], &l2], TODAY).unwrap();
    assert_eq!(m.birth_date, Date::new(2000, 2, 29));
}

#[test]
fn impossible_dates_make_the_read_invalid() {
    let body = "L898902C36UTO7413322F1204159ZE184226B<<<<<1";
    let body = format!("{}{}{}", &body[..19], cd("741332"), &body[20..]);
    let comp = format!("{}{}{}", &body[0..10], &body[13..20], &body[21..43]);
    let l2 = format!("{body}{}", cd(&comp));
    let m = parse(&[TD3[0], &l2], TODAY).unwrap();
    assert!(m.checks.all());
    assert!(!m.valid);
    assert_eq!(m.birth_date, None);
}

#[test]
fn mononyms_are_accepted_in_either_position() {
    let m = parse(
        &["P<UTOERIKSSON<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<", TD3[1]],
        TODAY,
    )
    .unwrap();
    assert!(m.valid, "{:?}", m.problems);
    assert_eq!(m.primary_identifier, "ERIKSSON");
    assert_eq!(m.secondary_identifier, "");
    let m = parse(
        &["P<UTO<<ERIKSSON<<<<<<<<<<<<<<<<<<<<<<<<<<<<<", TD3[1]],
        TODAY,
    )
    .unwrap();
    assert!(m.valid, "{:?}", m.problems);
    assert_eq!(m.primary_identifier, "");
    assert_eq!(m.secondary_identifier, "ERIKSSON");
    // But a name line that starts with a single filler is not a name.
    let m = parse(
        &["P<UTO<ERIKSSON<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<", TD3[1]],
        TODAY,
    )
    .unwrap();
    assert!(!m.valid);
}

#[test]
fn fillers_read_as_k_are_never_valid_even_when_check_digits_pass() {
    // Line 1 of TD3 has no check digit: every digit still passes.
    let k1 = TD3[0][..25].to_owned() + &"K".repeat(19);
    let m = parse(&[&k1, TD3[1]], TODAY).unwrap();
    assert!(m.checks.all());
    assert!(!m.valid);
    // Every filler of the name line read as K: no filler left at all.
    let all_k = TD3[0].replace('<', "K");
    let m = parse(&[&all_k, TD3[1]], TODAY).unwrap();
    assert!(m.checks.all());
    assert!(!m.valid);
    // TD1 name line: no check digit covers it either.
    let k3 = TD1[2].replace("<<<<", "KKKK");
    let m = parse(&[TD1[0], TD1[1], &k3], TODAY).unwrap();
    assert!(m.checks.all());
    assert!(!m.valid);
    // A state code padded with K instead of fillers (`D<<` read as `DKK`): not a known code.
    let d1 = TD1[0].replace("I<UTO", "I<DKK");
    let m = parse(&[&d1, TD1[1], TD1[2]], TODAY).unwrap();
    assert!(!m.valid);
    assert!(m.problems.iter().any(|p| p.starts_with("issuing state")));
}

#[test]
fn failed_check_digits_are_rejected() {
    for (i, what) in [
        (9, "number"),
        (19, "birth"),
        (27, "expiry"),
        (42, "personal"),
        (43, "composite"),
    ] {
        let mut l2 = TD3[1].as_bytes().to_vec();
        l2[i] = if l2[i] == b'9' { b'8' } else { b'9' };
        let l2 = String::from_utf8(l2).unwrap();
        let m = parse(&[TD3[0], &l2], TODAY).unwrap();
        assert!(!m.valid, "{what}");
        assert!(!m.checks.all(), "{what}");
    }
    // A changed data character: its own digit and the composite fail.
    let l2 = TD3[1].replacen("7408122", "7408132", 1);
    let m = parse(&[TD3[0], &l2], TODAY).unwrap();
    assert!(!m.checks.birth_date);
    assert!(!m.valid);
    // Lowercase or foreign characters.
    let m = parse(&[&TD3[0].replace("ANNA", "anna"), TD3[1]], TODAY);
    assert!(m.is_err() || !m.unwrap().valid);
}

#[test]
fn misread_nationalities_are_invalid_though_no_check_digit_covers_them() {
    // Seen on a small scan: `UTO` read as `UYD`; the composite does not cover nationality.
    let l2 = TD3[1].replace("UTO", "UYD");
    let m = parse(&[TD3[0], &l2], TODAY).unwrap();
    assert!(m.checks.all());
    assert!(!m.valid);
}

#[test]
fn unknown_layouts_are_errors() {
    assert_eq!(parse(&["P<UTO"], TODAY), Err(ParseError::UnknownLayout));
    assert_eq!(
        parse(&[TD3[0], TD2[1]], TODAY),
        Err(ParseError::UnknownLayout)
    );
    assert_eq!(parse(&[], TODAY), Err(ParseError::UnknownLayout));
}

/// A line "read" with every character certain (score 0.95, every other class 0.5) except
/// `(index, rival, rival score)` overrides.
fn fake_read(text: &str, rivals: &[(usize, u8, f32)]) -> LineRead {
    let alphabet = templates::ALPHABET.as_bytes();
    let idx = |c: u8| alphabet.iter().position(|&a| a == c).unwrap();
    let mut scores = vec![[0.5f32; 37]; text.len()];
    for (s, c) in scores.iter_mut().zip(text.bytes()) {
        s[idx(c)] = 0.95;
    }
    for &(i, rival, score) in rivals {
        scores[i][idx(rival)] = score;
    }
    LineRead {
        text: text.to_owned(),
        chars: Vec::new(),
        scores,
        pitch: 10.0,
        cap_height: 10.0,
    }
}

#[test]
fn one_check_digit_decides_one_ambiguous_character_but_not_three() {
    let top = fake_read(TD3[0], &[]);
    // `0` at index 4 of the number nearly tied with `O`: the check digit decides it.
    let one = fake_read(TD3[1], &[(4, b'O', 0.94)]);
    let c = correct(Format::Td3, &[top.clone(), one]);
    assert_eq!(c.lines, TD3);
    assert!(c.min_margin >= DECIDED);
    // Three tied `0`/`O` in one field: O−0 = 24 and weights can cancel mod 10, so undecided.
    let number = "A0000000<0UTO7408122F1204159ZE184226B<<<<<1";
    let composite = format!("{}{}{}", &number[0..10], &number[13..20], &number[21..43]);
    let l2 = format!(
        "{number}{}",
        char::from(b'0' + check_digit(&composite).unwrap())
    );
    let three = fake_read(&l2, &[(1, b'O', 0.94), (2, b'O', 0.94), (3, b'O', 0.94)]);
    let c = correct(Format::Td3, &[top.clone(), three]);
    assert!(c.min_margin < DECIDED);
    // A name character no check digit covers, nearly tied: undecided.
    let name = fake_read(TD3[0], &[(6, b'F', 0.94)]);
    let c = correct(Format::Td3, &[name, fake_read(TD3[1], &[])]);
    assert!(c.min_margin < DECIDED);
}

#[test]
fn a_failed_check_digit_is_repaired_from_the_runner_up() {
    // The recogniser preferred `3` over `8` in the birth date; the check digit only holds
    // with `8`.
    let mut l2 = fake_read(TD3[1], &[]);
    let (three, eight) = (3, 8); // indices in the alphabet
    l2.scores[13 + 3][three] = 0.98;
    l2.scores[13 + 3][eight] = 0.93;
    let c = correct(Format::Td3, &[fake_read(TD3[0], &[]), l2]);
    assert_eq!(c.lines, TD3);
    assert_eq!(c.repaired, vec![(1, 16)]);
    // In a number, a `B` close ahead of `8` is read as the digit the field mostly holds.
    let mut l2 = fake_read(TD3[1], &[]);
    let b = 11;
    l2.scores[1][b] = 0.98;
    l2.scores[1][eight] = 0.92;
    let c = correct(Format::Td3, &[fake_read(TD3[0], &[]), l2]);
    assert_eq!(c.lines, TD3);
    // Digits-only positions never take a look-alike letter: a date read as `O` becomes `0`,
    // and `O` far ahead of the printed `8` still becomes the best digit.
    let mut l2 = fake_read(TD3[1], &[]);
    l2.scores[13 + 3][24] = 0.99;
    let c = correct(Format::Td3, &[fake_read(TD3[0], &[]), l2]);
    assert_eq!(c.lines, TD3);
}

/// A French national card (2 × 36, pre-2021) with correct check digits, built here.
fn fra_id() -> [String; 2] {
    let top = format!("IDFRADUPONT{}062041", "<".repeat(19));
    let number = "0306751A2345";
    let mut mid = format!("{number}{}JEANNE<<MARIE<820715", cd(number));
    mid.push(cd("820715"));
    mid.push('F');
    let composite = format!("{top}{mid}");
    mid.push(cd(&composite));
    [top, mid]
}

#[test]
fn french_national_card_parses_in_its_own_layout() {
    let [top, mid] = fra_id();
    assert_eq!((top.len(), mid.len()), (36, 36));
    let m = parse(&[&top, &mid], TODAY).unwrap();
    assert_eq!(m.format, Format::FraId);
    assert!(m.valid, "{:?}", m.problems);
    assert_eq!(m.primary_identifier, "DUPONT");
    assert_eq!(m.secondary_identifier, "JEANNE MARIE");
    assert_eq!(m.document_number, "0306751A2345");
    assert_eq!(m.birth_date, Date::new(1982, 7, 15));
    assert_eq!(m.sex, Some(Sex::Female));
    // The composite covers the surname: a misread name letter fails it.
    let bad = top.replace("DUPONT", "DUPANT");
    assert!(!parse(&[&bad, &mid], TODAY).unwrap().valid);
}

#[test]
fn look_alike_letters_in_numbers_read_as_digits_but_stay_undecided() {
    // `O` a little ahead of `0` at three places of the number: the text takes the digits, and
    // three such choices under one check digit leave the read undecided.
    let number = "A0000000<0UTO7408122F1204159ZE184226B<<<<<1";
    let composite = format!("{}{}{}", &number[0..10], &number[13..20], &number[21..43]);
    let l2 = format!("{number}{}", cd(&composite));
    let mut read = fake_read(&l2, &[]);
    for p in 1..4 {
        read.scores[p][24] = 0.97; // `O`
    }
    let c = correct(Format::Td3, &[fake_read(TD3[0], &[]), read]);
    assert_eq!(c.lines[1], l2);
    assert!(c.min_margin < DECIDED);
    // A letter well ahead of its digit stays a letter.
    let mut read = fake_read(TD3[1], &[]);
    read.scores[0][1] = 0.8; // `1` behind `L`: not a look-alike pair anyway
    read.scores[7][2] = 0.85; // `2` well behind `C`
    let c = correct(Format::Td3, &[fake_read(TD3[0], &[]), read]);
    assert_eq!(c.lines[1], TD3[1]);
}

#[test]
fn an_unknown_state_code_becomes_the_nearest_known_one_but_undecided() {
    // `UTO` read as `UYD` with `T` and `O` close behind: the known code wins the text, and
    // nothing but the code table chose it, so the read is not decided.
    let mut top = fake_read(&TD3[0].replace("UTO", "UYD"), &[]);
    top.scores[3][29] = 0.93; // `T`
    top.scores[4][24] = 0.93; // `O`
    let c = correct(Format::Td3, &[top, fake_read(TD3[1], &[])]);
    assert_eq!(c.lines[0], TD3[0]);
    assert!(c.min_margin < DECIDED);
}

#[test]
fn a_letter_clearly_printed_where_a_digit_belongs_is_kept_and_the_zone_is_invalid() {
    // A malformed specimen: the expiry's check digit is missing, so a letter stands in its
    // place. Forcing a digit there would invent one; the read keeps the letter and fails.
    let alphabet = templates::ALPHABET.as_bytes();
    let a = alphabet.iter().position(|&c| c == b'A').unwrap();
    let mut l2 = fake_read(TD3[1], &[]);
    l2.scores[27][a] = 0.96;
    // Nothing that belongs there is printed: the best digit, a poor `4`, fails the check.
    l2.scores[27][9] = 0.5;
    l2.scores[27][4] = 0.75;
    let c = correct(Format::Td3, &[fake_read(TD3[0], &[]), l2]);
    assert_eq!(&c.lines[1][27..28], "A");
    let refs: Vec<&str> = c.lines.iter().map(String::as_str).collect();
    assert!(parse(&refs, TODAY).is_ok_and(|m| !m.valid));
    // A look-alike is never kept that way: `O` in a date is a worn `0`.
    let o = alphabet.iter().position(|&c| c == b'O').unwrap();
    let mut l2 = fake_read(TD3[1], &[]);
    l2.scores[13 + 3][o] = 0.99;
    let c = correct(Format::Td3, &[fake_read(TD3[0], &[]), l2]);
    assert_eq!(c.lines, TD3);
}

#[test]
fn unix_days_become_civil_dates() {
    assert_eq!(Date::from_unix_days(0), Date::new(1970, 1, 1));
    assert_eq!(Date::from_unix_days(11_016), Date::new(2000, 2, 29));
    assert_eq!(Date::from_unix_days(20_778), Date::new(2026, 11, 21));
}

#[test]
fn a_misread_composite_digit_close_behind_is_repaired_but_a_clear_one_is_not() {
    // The zone's last character, `0`, read as `6` with `0` just behind: every field holds,
    // so the composite takes the digit the zone calls for.
    let misread = TD3[1].replace("<<<<<10", "<<<<<16");
    let l2 = fake_read(&misread, &[(43, b'0', 0.93)]);
    let c = correct(Format::Td3, &[fake_read(TD3[0], &[]), l2]);
    assert_eq!(c.lines, TD3);
    assert_eq!(c.repaired, vec![(1, 43)]);
    // Read clearly as `6`: left as read, and the parser reports the composite failing.
    let c = correct(
        Format::Td3,
        &[fake_read(TD3[0], &[]), fake_read(&misread, &[])],
    );
    assert_eq!(c.lines[1], misread);
    let refs: Vec<&str> = c.lines.iter().map(String::as_str).collect();
    assert!(!parse(&refs, TODAY).unwrap().valid);
}

#[test]
fn letters_the_check_digit_cannot_tell_from_their_digits_leave_the_read_undecided() {
    // `3503083305` printed; a squeezed print reads every `0` as `O`, clearly ahead of `0`.
    // `O` and `0` differ by 24 and the three places weigh 1 + 3 + 1: the check digit holds
    // both ways, so the read must not be valid however sure each letter looked.
    let number = "3503083305";
    let rest = "JPN7709195F3003208<<<<<<<<<<<<<<0";
    let l2 = format!("{number}{rest}");
    let composite = format!("{}{}{}", &l2[0..10], &l2[13..20], &l2[21..43]);
    let l2 = format!("{l2}{}", cd(&composite));
    let squeezed = format!("35O3O833O5{}", &l2[10..]);
    let read = fake_read(&squeezed, &[(2, b'0', 0.7), (4, b'0', 0.7), (8, b'0', 0.7)]);
    let c = correct(Format::Td3, &[fake_read(TD3[0], &[]), read]);
    assert_eq!(c.lines[1], squeezed);
    assert!(c.min_margin < DECIDED, "{c:?}");
    // A letter far ahead of its look-alike (a crisp `O` against a `0` at 0.5) is a letter.
    let read = fake_read(&squeezed, &[]);
    let c = correct(Format::Td3, &[fake_read(TD3[0], &[]), read]);
    assert!(c.min_margin >= DECIDED, "{c:?}");
}
