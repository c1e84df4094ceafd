// Normalisation: the spelling differences people make that do not make two records different.
// Every match key is compared in this form, so "ACME Limited" and "Acme Ltd" are one name and
// "Ann@Example.COM" one email.
//
// Pure functions of their input; safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace accord::matching {

// Case folded (Unicode, "Straße" -> "strasse"), accents removed ("Café" -> "cafe", through ICU's
// NFKD decomposition), '&' read as "and", apostrophes and full stops dropped ("O'Brien" ->
// "obrien", "L.L.C." -> "llc"), every other punctuation a space, spaces collapsed and trimmed.
std::string foldText(std::string_view text);

// foldText, then common company suffixes dropped from the end ("Acme Pty Ltd", "ACME Limited",
// "Acme, Inc." and "The Acme Company" are all "acme"), never down to nothing ("Limited" stays).
std::string companyName(std::string_view name);

// foldText of "first last".
std::string personName(std::string_view first, std::string_view last);

// Trimmed and lowercased; with strip_plus_tags, "ann+invoices@example.com" is "ann@example.com".
// Empty for an empty address.
std::string emailAddress(std::string_view email, bool strip_plus_tags);

// A code, SKU or number: case folded and without whitespace (" Widget-S" and "WIDGET-S" agree);
// hyphens and other characters stay, since "A-1" and "A1" may be different things.
std::string codeKey(std::string_view code);

}  // namespace accord::matching
