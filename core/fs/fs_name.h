/* UTF-16 item names: validation per IMAPI rules, Windows-like case folding for
 * lookups, and small helpers shared by the tree and the name manglers.
 * Names are counted arrays of UTF-16 code units (BSTR contents), not 0-terminated. */
#ifndef IMAPI_FS_NAME_H
#define IMAPI_FS_NAME_H

#include <stddef.h>
#include <stdint.h>

/* Longest item name accepted, in UTF-16 code units (the Windows component limit). */
#define FS_NAME_MAX 255

/* 0 if name is acceptable as an item name, else an IMAPI HRESULT:
 * IMAPI_E_INVALID_PARAM for empty/too long names, "." / "..", and names holding
 * '/', '\\', ':', '*', '?', '"', '<', '>', '|' or control characters;
 * IMAPI_E_RESTRICTED_NAME_VIOLATION when restricted is set (UseRestrictedCharacterSet)
 * and a character lies outside the ANSI range. The core cannot ask for the process's
 * ANSI code page, so "ANSI" is approximated as U+0020..U+00FF here. */
int32_t fs_name_check(const uint16_t *name, size_t len, int restricted);

/* VolumeName as put by the client: 0 or IMAPI_E_INVALID_VOLUME_NAME when longer than
 * FS_VOLUME_NAME_MAX characters (IMAPI's documented limit) or holding a character that
 * a file system of the image cannot store in its volume identifier: controls, the
 * Joliet-forbidden `* / : ; ? \` (Joliet, "d1-characters") and the rest of the
 * Windows-forbidden name set `" < > |`. Empty = generate from the date.
 * [undoc] put_VolumeName's page lists A-Z 0-9 _ for ISO9660 and a-z A-Z 0-9 . _ for
 * Joliet/UDF. Refusing everything else would refuse the spaces and '-' scripts put in
 * names ("My Disc", "yyyyMMdd-HHmmss"), which Joliet and UDF store as they are; so the
 * other characters are accepted and conformed per file system when the image is made
 * (fs_volume_name_iso9660 maps them to '_'; fs_volume_name_joliet keeps them). */
#define FS_VOLUME_NAME_MAX 15
int32_t fs_volume_name_check(const uint16_t *name, size_t len);

/* Simple upper-casing of one UTF-16 unit: ASCII, Latin-1, Latin Extended-A, Greek and
 * Cyrillic, which covers the names people type; other units map to themselves.
 * Used for case-insensitive matching as Windows does (its table is larger). */
uint16_t fs_upcase16(uint16_t c);

/* Case-insensitive equality and hash of names under fs_upcase16. */
int fs_name_equal_ci(const uint16_t *a, size_t alen, const uint16_t *b, size_t blen);
uint32_t fs_name_hash_ci(const uint16_t *name, size_t len);

/* Length of a 0-terminated UTF-16 string (tests and callers holding literals). */
size_t fs_u16len(const uint16_t *s);

/* Convert UTF-8 to UTF-16 (for tests and tools). Returns units written (without the
 * terminating 0 it always appends), or (size_t)-1 on bad input / small buffer. */
size_t fs_utf8_to_u16(const char *utf8, uint16_t *out, size_t out_cap);

#endif
