//! Seal a paper for the browser: AES-256-GCM with a key derived by
//! PBKDF2-HMAC-SHA256 (600 000 rounds) from a passphrase and a random salt,
//! and a random nonce per file: exactly what WebCrypto's `deriveKey` and
//! `decrypt` undo. The ciphertext carries the 16-byte tag at its end, as
//! WebCrypto expects.

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use sha2::Sha256;

/// PBKDF2 rounds (OWASP's recommendation for PBKDF2-HMAC-SHA256).
pub const PBKDF2_ROUNDS: u32 = 600_000;
/// Bytes of salt.
pub const SALT_LEN: usize = 16;
/// Bytes of nonce (GCM's standard 96 bits).
pub const NONCE_LEN: usize = 12;

/// A passphrase; never printed.
#[derive(Clone)]
pub struct Passphrase(String);

impl Passphrase {
    /// A passphrase as the paper's script reads it from its field: without
    /// spaces at either end, in Unicode's composed form (NFC), so that a
    /// keyboard that types `ö` as `o` + U+0308 opens what one that types
    /// `ö` sealed.
    pub fn new(text: impl Into<String>) -> Passphrase {
        use unicode_normalization::UnicodeNormalization;
        Passphrase(trimmed(&text.into()).nfc().collect())
    }
}

/// A passphrase without what the page's script trims: white space, and a
/// byte order mark (as an editor may save at the start of a file), which
/// JavaScript's `trim()` counts as white space.
pub fn trimmed(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(…)")
    }
}

/// A key derived from a passphrase, with the salt it was derived with. One
/// per build: every paper of the build gets its own random nonce.
pub struct SealingKey {
    cipher: Aes256Gcm,
    salt: [u8; SALT_LEN],
    rounds: u32,
}

/// What a sealed paper carries besides its ciphertext.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sealed {
    /// Format marker.
    pub format: String,
    /// PBKDF2 rounds.
    pub iterations: u32,
    /// Salt, base64.
    pub salt: String,
    /// Nonce, base64.
    pub nonce: String,
    /// Ciphertext with the tag at its end, base64.
    pub ciphertext: String,
}

/// The format marker of [`Sealed`].
pub const FORMAT: &str = "dienstweg-paper-1 AES-256-GCM PBKDF2-SHA256";

/// Random bytes from the operating system.
fn random<const N: usize>() -> Result<[u8; N], String> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes)
        .map_err(|err| format!("no random numbers from the system: {err}"))?;
    Ok(bytes)
}

/// The 32-byte key for `passphrase` and `salt`.
pub fn derive_key(passphrase: &Passphrase, salt: &[u8], rounds: u32) -> [u8; 32] {
    let mut key = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<Sha256>(passphrase.0.as_bytes(), salt, rounds, &mut key);
    key
}

impl SealingKey {
    /// Derive a key with a fresh random salt.
    pub fn new(passphrase: &Passphrase) -> Result<SealingKey, String> {
        let salt = random::<SALT_LEN>()?;
        let key = derive_key(passphrase, &salt, PBKDF2_ROUNDS);
        Ok(SealingKey {
            cipher: Aes256Gcm::new(&Key::<Aes256Gcm>::from(key)),
            salt,
            rounds: PBKDF2_ROUNDS,
        })
    }

    /// Encrypt `plaintext` with a fresh random nonce.
    pub fn seal(&self, plaintext: &[u8]) -> Result<Sealed, String> {
        let nonce = random::<NONCE_LEN>()?;
        let ciphertext = self
            .cipher
            .encrypt(&Nonce::from(nonce), plaintext)
            .map_err(|_| "encryption failed".to_string())?;
        Ok(Sealed {
            format: FORMAT.to_string(),
            iterations: self.rounds,
            salt: base64_encode(&self.salt),
            nonce: base64_encode(&nonce),
            ciphertext: base64_encode(&ciphertext),
        })
    }
}

/// Decrypt a sealed paper (what the browser does; for tests and tools).
pub fn open(sealed: &Sealed, passphrase: &Passphrase) -> Result<Vec<u8>, String> {
    let salt = base64_decode(&sealed.salt).ok_or("bad salt")?;
    let nonce = base64_decode(&sealed.nonce).ok_or("bad nonce")?;
    let ciphertext = base64_decode(&sealed.ciphertext).ok_or("bad ciphertext")?;
    let nonce: [u8; NONCE_LEN] = nonce
        .as_slice()
        .try_into()
        .map_err(|_| "bad nonce length".to_string())?;
    let key = derive_key(passphrase, &salt, sealed.iterations);
    Aes256Gcm::new(&Key::<Aes256Gcm>::from(key))
        .decrypt(&Nonce::from(nonce), ciphertext.as_slice())
        .map_err(|_| "wrong passphrase or damaged file".to_string())
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding (what `atob` reads).
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decode standard base64 (padding optional); `None` on any other character.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut buffer = 0u32;
    let mut bits = 0;
    for c in text.bytes().filter(|c| *c != b'=') {
        let value = ALPHABET.iter().position(|a| *a == c)? as u32;
        buffer = (buffer << 6) | value;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passphrase_is_read_as_its_field_reads_it() {
        let key = |text: &str| derive_key(&Passphrase::new(text), b"salt", 1);
        assert_eq!(key("  vier W\u{f6}rter\t"), key("vier Wo\u{308}rter"));
        assert_eq!(key("\u{feff}vier W\u{f6}rter"), key("vier W\u{f6}rter"));
        assert_ne!(key("vier Worter"), key("vier W\u{f6}rter"));
    }

    #[test]
    fn base64_round_trips() {
        for input in [&b""[..], b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar"] {
            let encoded = base64_encode(input);
            assert_eq!(base64_decode(&encoded).as_deref(), Some(input));
        }
        assert_eq!(base64_encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64_encode(b"fo"), "Zm8=");
    }

    #[test]
    fn pbkdf2_matches_the_rfc_7914_vector() {
        // RFC 7914 §11: PBKDF2-HMAC-SHA256, P="passwd", S="salt", c=1, dkLen=64.
        let mut key = [0u8; 64];
        pbkdf2::pbkdf2_hmac::<Sha256>(b"passwd", b"salt", 1, &mut key);
        assert_eq!(
            base64_encode(&key[..16]),
            base64_encode(&[
                0x55, 0xac, 0x04, 0x6e, 0x56, 0xe3, 0x08, 0x9f, 0xec, 0x16, 0x91, 0xc2, 0x25, 0x44,
                0xb6, 0x05
            ])
        );
    }

    #[test]
    fn seals_and_opens_and_refuses_a_wrong_passphrase() {
        let passphrase = Passphrase::new("richtiges Pferd Batterie Heftklammer");
        let key = SealingKey::new(&passphrase).expect("key");
        let sealed = key.seal(b"<p>Kontakt</p>").expect("seal");
        assert_eq!(sealed.iterations, 600_000);
        assert_eq!(base64_decode(&sealed.salt).map(|s| s.len()), Some(16));
        assert_eq!(
            open(&sealed, &passphrase).as_deref(),
            Ok(&b"<p>Kontakt</p>"[..])
        );
        assert!(open(&sealed, &Passphrase::new("falsch")).is_err());
        let again = key.seal(b"<p>Kontakt</p>").expect("seal");
        assert_ne!(again.nonce, sealed.nonce, "a fresh nonce per file");
    }
}
