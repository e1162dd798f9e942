//! Sentences the officer reads, in both languages the window speaks.
//!
//! Rust writes every sentence it sends to the window (errors, field issues, passport flags, why a
//! date is grey) and writes it once: the Indonesian and the English text stand side by side in one
//! [`bilingual!`] table or one [`text!`] call, never in a second file. The window receives a
//! [`Text`] with both and shows the one its language asks for, so switching the language needs no
//! round trip and no sentence is translated twice.
//!
//! `Display` stays the Indonesian sentence: logs, the store's refusals and tests read it.

use std::fmt;

/// One sentence in Bahasa Indonesia (`id`, the first language) and English (`en`).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Text {
    pub id: String,
    pub en: String,
}

impl Text {
    pub fn new(id: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            en: en.into(),
        }
    }

    /// A text that reads the same in both languages (a name, a code, a holiday's official name).
    pub fn same(both: impl Into<String>) -> Self {
        let both = both.into();
        Self {
            en: both.clone(),
            id: both,
        }
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id)
    }
}

/// A value that can say itself in English as well as in Indonesian (its `Display`).
pub trait Bilingual: fmt::Display {
    fn en(&self) -> String;

    fn text(&self) -> Text {
        Text {
            id: self.to_string(),
            en: self.en(),
        }
    }
}

impl<T: Bilingual + ?Sized> Bilingual for &T {
    fn en(&self) -> String {
        (**self).en()
    }

    fn text(&self) -> Text {
        (**self).text()
    }
}

impl Bilingual for Text {
    fn en(&self) -> String {
        self.en.clone()
    }

    fn text(&self) -> Text {
        self.clone()
    }
}

/// A one-off [`Text`] from two format strings (inline captures work in both):
/// `text!("Tanggal {day} sudah ditutup.", "{day} is already closed.")`.
#[macro_export]
macro_rules! text {
    ($id:literal, $en:literal $(,)?) => {
        $crate::text::Text {
            id: format!($id),
            en: format!($en),
        }
    };
}

/// `Display` (Indonesian) and [`Bilingual`] (English) for a type, from one table of patterns, each
/// with its two sentences as format arguments: `Self::Short(n) => ["NIK {n} digit."] ["{n} digits."]`.
/// Names bound by a pattern can be captured by both format strings.
#[macro_export]
macro_rules! bilingual {
    ($ty:ty { $( $pat:pat => [$($id:tt)+] [$($en:tt)+] ),+ $(,)? }) => {
        impl ::std::fmt::Display for $ty {
            #[allow(unused_variables)]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    $( $pat => write!(f, $($id)+), )+
                }
            }
        }

        impl $crate::text::Bilingual for $ty {
            #[allow(unused_variables)]
            fn en(&self) -> String {
                match self {
                    $( $pat => format!($($en)+), )+
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    enum Sample {
        Plain,
        Count(usize),
        Named { first: u8, second: u8 },
    }

    bilingual!(Sample {
        Self::Plain => ["Polos."] ["Plain."],
        Self::Count(n) => ["Ada {n}."] ["There are {n}."],
        Self::Named { first, second } => ["{first} dan {}.", second + 1] ["{first} and {}.", second + 1],
    });

    #[test]
    fn one_table_gives_both_languages() {
        assert_eq!(Sample::Plain.to_string(), "Polos.");
        assert_eq!(Sample::Count(3).en(), "There are 3.");
        let named = Sample::Named {
            first: 1,
            second: 2,
        };
        assert_eq!(named.text(), Text::new("1 dan 3.", "1 and 3."));
    }

    #[test]
    fn one_off_text_captures_names() {
        let day = "01/12/2026";
        assert_eq!(
            text!("Tanggal {day} sudah ditutup.", "{day} is already closed."),
            Text::new(
                "Tanggal 01/12/2026 sudah ditutup.",
                "01/12/2026 is already closed."
            )
        );
    }
}
