//! Families of applicants with NIKs that pass validation for the office's region.

use loket_domain::Relation;
use std::collections::HashSet;

use chrono::{Datelike, Duration, NaiveDate};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::names;

#[derive(Debug, Clone)]
pub(super) struct Person {
    pub nik: String,
    pub name: String,
    pub sex: char,
    pub birth_date: NaiveDate,
    pub relation: Relation,
}

impl Person {
    pub fn age_on(&self, date: NaiveDate) -> i32 {
        date.years_since(self.birth_date).map_or(0, |y| y as i32)
    }
}

/// Draws NIKs and KK numbers from a pool of kecamatan codes, never the same NIK twice.
#[derive(Debug)]
pub(super) struct Registry {
    home: Vec<String>,
    province: Vec<String>,
    used: HashSet<String>,
}

impl Registry {
    pub fn new(home: Vec<String>, province: Vec<String>) -> Self {
        Self {
            home,
            province,
            used: HashSet::new(),
        }
    }

    fn kecamatan(&self, rng: &mut ChaCha8Rng) -> &str {
        // Most applicants live in the office's own city; some come from elsewhere in the province.
        let pool = if rng.random_bool(0.85) || self.province.is_empty() {
            &self.home
        } else {
            &self.province
        };
        &pool[rng.random_range(0..pool.len())]
    }

    fn nik(
        &mut self,
        rng: &mut ChaCha8Rng,
        kecamatan: &str,
        birth: NaiveDate,
        sex: char,
    ) -> String {
        let day = birth.day() + if sex == 'P' { 40 } else { 0 };
        loop {
            let serial = rng.random_range(1..=9999);
            let nik = format!(
                "{kecamatan}{day:02}{:02}{:02}{serial:04}",
                birth.month(),
                birth.year() % 100
            );
            if self.used.insert(nik.clone()) {
                return nik;
            }
        }
    }

    pub fn kk_number(&mut self, rng: &mut ChaCha8Rng, issued: NaiveDate) -> String {
        let kecamatan = self.kecamatan(rng).to_owned();
        format!(
            "{kecamatan}{}{:04}",
            issued.format("%d%m%y"),
            rng.random_range(1..=9999)
        )
    }

    /// A family of `size` (1–5): the account holder first, then spouse, children or a parent.
    pub fn family(&mut self, rng: &mut ChaCha8Rng, size: usize, on: NaiveDate) -> Vec<Person> {
        let kecamatan = self.kecamatan(rng).to_owned();
        let surname = names::SECOND[rng.random_range(0..names::SECOND.len())];
        let holder_age = rng.random_range(21..=66);
        let holder_sex = if rng.random_bool(0.5) { 'L' } else { 'P' };
        let mut people = vec![self.person(
            rng,
            &kecamatan,
            on,
            holder_age,
            holder_sex,
            surname,
            Relation::Pemohon,
        )];
        let mut has_spouse = false;
        let mut has_parent = false;
        while people.len() < size {
            let roll = rng.random_range(0..10);
            let person = if !has_spouse && roll < 4 {
                has_spouse = true;
                let age = (holder_age + rng.random_range(-5..=5)).max(19);
                let sex = if holder_sex == 'L' { 'P' } else { 'L' };
                self.person(rng, &kecamatan, on, age, sex, surname, Relation::SuamiIstri)
            } else if !has_parent && holder_age < 45 && roll == 9 {
                has_parent = true;
                let age = holder_age + rng.random_range(22..=32);
                let sex = if rng.random_bool(0.5) { 'L' } else { 'P' };
                self.person(rng, &kecamatan, on, age, sex, surname, Relation::AyahIbu)
            } else {
                let age = rng.random_range(0..=(holder_age - 19).clamp(1, 25));
                let sex = if rng.random_bool(0.5) { 'L' } else { 'P' };
                self.person(rng, &kecamatan, on, age, sex, surname, Relation::Anak)
            };
            people.push(person);
        }
        people
    }

    #[allow(clippy::too_many_arguments)]
    fn person(
        &mut self,
        rng: &mut ChaCha8Rng,
        kecamatan: &str,
        on: NaiveDate,
        age: i32,
        sex: char,
        surname: &str,
        relation: Relation,
    ) -> Person {
        let birth = on - Duration::days(i64::from(age) * 365 + rng.random_range(0..365));
        let given = if sex == 'L' {
            names::MALE
        } else {
            names::FEMALE
        };
        let first = given[rng.random_range(0..given.len())];
        let name = if rng.random_bool(0.7) {
            format!("{first} {surname}")
        } else {
            first.to_owned()
        };
        Person {
            nik: self.nik(rng, kecamatan, birth, sex),
            name,
            sex,
            birth_date: birth,
            relation,
        }
    }
}
