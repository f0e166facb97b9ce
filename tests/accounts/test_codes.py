"""Activation codes and invitation tokens."""

from kanzlei.akte.accounts import codes

import math
import re


def test_code_format_and_alphabet():
    seen = set()
    for _ in range(200):
        code = codes.generate_code()
        assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}", code)
        seen.update(code.replace("-", ""))
    for ambiguous in "0O1lIL":
        assert ambiguous not in seen
    assert seen <= set(codes.CODE_ALPHABET)


def test_code_has_at_least_40_bits():
    bits = codes.CODE_LENGTH * math.log2(len(codes.CODE_ALPHABET))
    assert bits >= 40
    assert len({codes.generate_code() for _ in range(500)}) == 500


def test_code_is_case_insensitive_and_ignores_separators():
    code = "K7QM-4XWP-R2"
    stored = codes.hash_code(code)
    for typed in ("K7QM-4XWP-R2", "k7qm4xwpr2", " k7qm 4xwp r2 ", "K7QM–4XWP–R2"):
        assert codes.verify_code(stored, typed), typed
    for wrong in ("K7QM-4XWP-R3", "", "K7QM", "x" * 500):
        assert not codes.verify_code(stored, wrong)


def test_code_is_stored_as_slow_hash_only():
    code = codes.generate_code()
    stored = codes.hash_code(code)
    assert stored.startswith("$argon2id$")
    assert codes.normalize_code(code) not in stored


def test_token_has_256_bits_and_is_stored_as_sha256():
    token = codes.generate_token()
    assert len(token) >= 43  # 32 random bytes, URL-safe base64
    assert codes.hash_token(token) != token
    assert re.fullmatch(r"[0-9a-f]{64}", codes.hash_token(token))
    assert codes.generate_token() != token
