//! A digest of everything a leak scan's verdict depends on besides the file:
//! the needles, the allow-list and the code. Two scans of the same bytes
//! under one path with the same digest pass or fail alike, so a file that
//! passed once need not be scanned again under that digest
//! ([`crate::check::leaks::passed`]).

use super::Needles;
use sha2::{Digest, Sha256};

impl Needles {
    /// SHA-256 over the code's fingerprint, every needle and every entry of
    /// the allow-list; made once and kept.
    pub fn digest(&self) -> [u8; 32] {
        *self.digest.get_or_init(|| {
            let mut hasher = Sha256::new();
            let mut field = |bytes: &[u8]| {
                hasher.update((bytes.len() as u64).to_le_bytes());
                hasher.update(bytes);
            };
            field(b"dienstweg leak scan\n");
            field(env!("DIENSTWEG_SOURCE_DIGEST").as_bytes());
            for list in [&self.text, &self.phones] {
                field(&(list.len() as u64).to_le_bytes());
                for needle in list {
                    field(needle.text.as_bytes());
                }
            }
            for set in [
                &self.contact_emails,
                &self.allowed_emails,
                &self.allowed_phones,
                &self.allowed_files,
            ] {
                field(&(set.len() as u64).to_le_bytes());
                for entry in set {
                    field(entry.as_bytes());
                }
            }
            hasher.finalize().into()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::leaks::Needle;

    fn needles(text: &[&str], allowed_emails: &[&str]) -> Needles {
        Needles {
            text: text
                .iter()
                .map(|t| Needle {
                    text: t.to_string(),
                    secret: 0,
                })
                .collect(),
            allowed_emails: allowed_emails.iter().map(|e| e.to_string()).collect(),
            ..Needles::default()
        }
    }

    #[test]
    fn every_needle_and_allowed_entry_counts() {
        let base = needles(&["katrin beispiel"], &["post@exis.de"]).digest();
        assert_eq!(
            base,
            needles(&["katrin beispiel"], &["post@exis.de"]).digest()
        );
        assert_ne!(
            base,
            needles(&["katrin beispiel", "beispiel katrin"], &["post@exis.de"]).digest()
        );
        assert_ne!(base, needles(&["katrin beispiel"], &[]).digest());
        // A boundary shifted from one list to the next is another digest.
        assert_ne!(
            needles(&["ab"], &[]).digest(),
            needles(&["a", "b"], &[]).digest()
        );
        assert_ne!(needles(&["x"], &[]).digest(), needles(&[], &["x"]).digest());
    }
}
