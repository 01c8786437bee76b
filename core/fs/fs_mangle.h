/* File-system name conforming: ISO9660 (levels 1 and 2) and Joliet name shapes, and
 * per-directory unique-name generation that stays linear for any number of clashes.
 * Internal to core/fs (the layout writers use it); exposed for unit tests and for
 * IFsiItem::FileSystemName. Names are UTF-16 units; ISO9660 results are ASCII units. */
#ifndef IMAPI_FS_MANGLE_H
#define IMAPI_FS_MANGLE_H

#include <stddef.h>
#include <stdint.h>

#define FS_MANGLE_MAX 128

/* A name split for uniqueness: base, optional extension. has_ext says whether the
 * written identifier carries a '.' (ISO9660 files always do, even with empty ext). */
typedef struct fs_mangled
{
    uint16_t base[FS_MANGLE_MAX];
    uint16_t ext[FS_MANGLE_MAX];
    size_t base_len, ext_len;
    size_t base_cap;          /* longest base allowed (room for "~N" is cut from it) */
    int dot;                  /* identifier is base "." ext */
} fs_mangled;

/* ISO9660: d-characters (A-Z 0-9 _), uppercase. Level 1: 8.3 files, 8-char
 * directories. Level 2: files with name + extension <= 30, directories <= 31.
 * Characters outside d-characters become '_'; dots inside directory names too. */
void fs_mangle_iso9660(const uint16_t *name, size_t len, int is_dir, int level, fs_mangled *out);

/* Joliet: keep the name (UCS-2, surrogate pairs kept whole), replace the characters
 * Joliet forbids ('*', '/', ':', ';', '?', '\\' and controls) by '_', cut to max_len
 * units, keeping an extension of up to 16 units when it has to cut. */
void fs_mangle_joliet(const uint16_t *name, size_t len, int is_dir, size_t max_len, fs_mangled *out);

/* IFsiItem::FileSystemName: the name conformed to one file system (FS_FS_ISO9660 = 1
 * or FS_FS_JOLIET = 2), without version and before any ~N clash suffix (which depends
 * on the siblings and is decided at layout). out needs FS_MANGLE_MAX * 2 + 2 units.
 * Returns the length, or (size_t)-1 for other file systems. */
size_t fs_conformed_name(const uint16_t *name, size_t len, int is_dir, unsigned fs, int iso_level,
                         uint16_t *out);

/* Unique names within one directory. Clashing names get "~N" before the extension, the
 * base shortened to fit; N counts up per shortened base, so clashes cost O(1) each. */
typedef struct fs_uniq fs_uniq;
fs_uniq *fs_uniq_new(void);
void fs_uniq_free(fs_uniq *u);
/* Forget all names; expected = number of names the next directory will hold. */
int fs_uniq_reset(fs_uniq *u, size_t expected);
/* Make m unique among names given so far (case-insensitively), writing the final
 * identifier (base[.ext], without version) to out (cap FS_MANGLE_MAX*2+2).
 * Returns 0, IMAPI_E_NO_UNIQUE_NAME, or E_OUTOFMEMORY. */
int32_t fs_uniq_make(fs_uniq *u, const fs_mangled *m, uint16_t *out, size_t *out_len);

#endif
