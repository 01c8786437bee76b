/* Helpers for the core/fs tests: a stdio-backed file source (test code, not core),
 * building item trees from directories on disk, writing images, and running the
 * independent readers (xorriso, isoinfo, 7z, pycdlib, iso-info). */
#ifndef IMAPI_FS_TEST_UTIL_H
#define IMAPI_FS_TEST_UTIL_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include "fs/fs_tree.h"
#include "fs/fs_layout.h"
#include "fs/fs_image.h"

/* Sources opened right now / most ever open at once (checks lazy opening). */
extern int tu_open_now, tu_open_max, tu_open_total;

/* A data source reading the file at path; size taken from the file now. */
int tu_file_source(const char *path, fs_data_source *out);
/* A data source of size bytes that claims size but yields actual bytes of pattern
 * (actual != size exercises inconsistency); fail_at >= 0 makes read fail there. */
void tu_fake_source(uint64_t size, uint64_t actual, int64_t fail_at, fs_data_source *out);
/* Views (core_stream_ops.view) offered by fake sources opened from now on: 0 none,
 * 1 views of the bytes the source has, 2 offered but refused. Counted below. */
extern int tu_fake_views;
extern int tu_view_calls, tu_view_refused;
extern uint64_t tu_view_bytes, tu_view_min_source;

/* Add the contents of directory dir (recursively) under item parent. */
int32_t tu_add_disk_tree(fs_tree *t, fs_item *parent, const char *dir);

/* UTF-8 convenience wrappers. */
int32_t tu_add_dir(fs_tree *t, const char *path_utf8, fs_item **out);
int32_t tu_add_file(fs_tree *t, const char *path_utf8, const fs_data_source *src);
int32_t tu_lookup(fs_tree *t, const char *path_utf8, fs_item **out);

/* Layout + read the whole image into a file; returns 0 or the HRESULT. */
int32_t tu_write_image(fs_layout *L, const char *path);

/* Scratch directory ($IMAPI_TEST_TMP/name, emptied first); returns a static buffer. */
const char *tu_scratch(const char *name);

/* Run a shell command; its stdout into out (cap bytes, 0-terminated). Returns the
 * exit status, or -1. */
int tu_run(char *out, size_t cap, const char *fmt, ...);
/* 1 if a program is on PATH. */
int tu_have(const char *prog);
/* A python3 that can import pycdlib (static string), or NULL. */
const char *tu_python_with_pycdlib(void);

/* A whole file in memory (malloc'ed, NULL on failure); *len its size. */
uint8_t *tu_slurp(const char *path, size_t *len);
/* Write a file with given bytes (pattern if data NULL: byte i = (i * 7 + seed) & 0xff). */
int tu_write_file(const char *path, const void *data, size_t len, int seed);

/* The files and directories below root/rel as tests/fs/udfread_list prints them:
 * "D /path", "F /path size fnv1a64-hex" (paths from root, '/'). */
void tu_list_source(const char *root, const char *rel, FILE *o);

#endif
