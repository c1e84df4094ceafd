#include "matching/normalise.h"

#include <algorithm>
#include <array>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace accord::matching {
namespace {

// Legal forms and their spellings once full stops are gone ("Pty. Ltd." -> "pty ltd").
constexpr std::array<std::string_view, 30> kCompanySuffixes = {
    "ltd", "limited", "pty", "proprietary", "inc", "incorporated", "llc", "llp", "lp", "plc",
    "gmbh", "ag", "kg", "co", "company", "corp", "corporation", "sa", "sas", "sarl", "srl",
    "spa", "bv", "nv", "oy", "ab", "as", "kk", "pte", "and"};

bool isAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string asciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Unicode: compatibility decomposition, combining marks removed, case folded.
std::string unicodeFold(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (U_FAILURE(status)) return asciiLower(text);
  icu::UnicodeString decomposed = nfkd->normalize(source, status);
  if (U_FAILURE(status)) return asciiLower(text);
  icu::UnicodeString bare;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (c == 0x2018 || c == 0x2019 || c == 0x02BC) continue;  // typographic apostrophes
    // ASCII punctuation is left to collapse(); other scripts' punctuation and spaces separate.
    bare.append(c >= 0x80 && (u_ispunct(c) || u_isUWhiteSpace(c)) ? UChar32(' ') : c);
  }
  bare.foldCase();
  std::string out;
  bare.toUTF8String(out);
  return out;
}

bool isWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

// Punctuation rules over folded text; bytes >= 0x80 (letters of other scripts) are kept.
std::string collapse(std::string_view folded) {
  std::string out;
  out.reserve(folded.size());
  bool space = false;
  auto put = [&](std::string_view word) {
    if (space && !out.empty()) out += ' ';
    space = false;
    out += word;
  };
  for (const char ch : folded) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\'' || c == '.') continue;
    if (isWordByte(c)) {
      put(std::string_view(&ch, 1));
    } else if (c == '&') {
      space = true;
      put("and");
      space = true;
    } else {
      space = true;
    }
  }
  return out;
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

bool isSuffix(std::string_view word) {
  return std::find(kCompanySuffixes.begin(), kCompanySuffixes.end(), word) !=
         kCompanySuffixes.end();
}

}  // namespace

std::string foldText(std::string_view text) {
  // Unicode apostrophes fold to nothing like the ASCII one; the rest of ICU is skipped for
  // plain ASCII, which most names are.
  return collapse(isAscii(text) ? asciiLower(text) : unicodeFold(text));
}

std::string companyName(std::string_view name) {
  std::string folded = foldText(name);
  if (folded.rfind("the ", 0) == 0) folded.erase(0, 4);
  for (;;) {
    const auto cut = folded.rfind(' ');
    if (cut == std::string::npos) return folded;
    if (!isSuffix(std::string_view(folded).substr(cut + 1))) return folded;
    folded.resize(cut);
  }
}

std::string personName(std::string_view first, std::string_view last) {
  std::string whole(first);
  whole += ' ';
  whole += last;
  return foldText(whole);
}

std::string emailAddress(std::string_view email, bool strip_plus_tags) {
  std::string out = trim(email);
  out = isAscii(out) ? asciiLower(out) : unicodeFold(out);
  if (strip_plus_tags) {
    const auto at = out.rfind('@');
    const auto plus = out.find('+');
    if (at != std::string::npos && plus != std::string::npos && plus < at) {
      out.erase(plus, at - plus);
    }
  }
  return out;
}

std::string codeKey(std::string_view code) {
  std::string out = isAscii(code) ? asciiLower(code) : unicodeFold(code);
  std::erase_if(out, [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
  return out;
}

}  // namespace accord::matching
