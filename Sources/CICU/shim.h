// The few ICU calls CaseVault makes, as plain functions over UTF-16 buffers.
//
// ICU renames every symbol with its major version (uspoof_getSkeleton is
// uspoof_getSkeleton_72 in Debian 12's ICU) through macros in its headers;
// these wrappers are static inline, so the macros resolve here, in C, and
// Swift sees stable names. Only ICUKit imports this module, and without
// Foundation: Foundation brings its own copy of ICU's headers
// (_FoundationICU), whose types clash with these in one Swift module.
#ifndef CASEVAULT_CICU_SHIM_H
#define CASEVAULT_CICU_SHIM_H

#include <stdint.h>
#include <unicode/uspoof.h>
#include <unicode/unorm2.h>
#include <unicode/uversion.h>

/// A spoof checker (UTS #39), or NULL with *status set (> 0 is a failure).
static inline void *cv_icu_spoof_open(int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    USpoofChecker *checker = uspoof_open(&e);
    *status = (int32_t)e;
    return U_FAILURE(e) ? NULL : checker;
}

static inline void cv_icu_spoof_close(void *checker) {
    uspoof_close((USpoofChecker *)checker);
}

/// The UTS #39 confusable skeleton of text; returns the length needed (which
/// may exceed capacity: *status is then U_BUFFER_OVERFLOW_ERROR).
static inline int32_t cv_icu_skeleton(const void *checker, const uint16_t *text, int32_t length,
                                      uint16_t *out, int32_t capacity, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    int32_t n = uspoof_getSkeleton((const USpoofChecker *)checker, 0, (const UChar *)text, length,
                                   (UChar *)out, capacity, &e);
    *status = (int32_t)e;
    return n;
}

/// NFKC_Casefold (NFKC, case folding, default-ignorables removed), or NFKC
/// alone when casefold is 0.
static inline int32_t cv_icu_normalize(int32_t casefold, const uint16_t *text, int32_t length,
                                       uint16_t *out, int32_t capacity, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *n2 = casefold ? unorm2_getNFKCCasefoldInstance(&e) : unorm2_getNFKCInstance(&e);
    if (U_FAILURE(e)) { *status = (int32_t)e; return 0; }
    int32_t n = unorm2_normalize(n2, (const UChar *)text, length, (UChar *)out, capacity, &e);
    *status = (int32_t)e;
    return n;
}

/// ICU's version as four numbers (major, minor, milli, micro): the data a
/// skeleton comes from changes with it.
static inline void cv_icu_version(uint8_t out[4]) {
    UVersionInfo v;
    u_getVersion(v);
    for (int i = 0; i < 4; i++) out[i] = v[i];
}

#endif
