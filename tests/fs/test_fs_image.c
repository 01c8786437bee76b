/* Images built by core/fs, judged by independent readers: xorriso (-find, -compare_r),
 * isoinfo (-d, -l, -J -l), 7z (extract + diff -r), pycdlib (walk + byte compare) and
 * iso-info. A missing tool is a failure: the project's scripts install them. */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "check.h"
#include "fs_test_util.h"
#include "fs/fs_name.h"
#include "fs/fs_hresult.h"

static char out[1 << 20];
static const char *py;
static char script[1024];

static void mkdirs(const char *root, const char *rel)
{
    char cmd[2048];
    snprintf(cmd, sizeof(cmd), "mkdir -p '%s/%s'", root, rel);
    CHECK_EQ_INT(system(cmd), 0);
}

static void file(const char *root, const char *rel, size_t len, int seed)
{
    char path[2048];
    snprintf(path, sizeof(path), "%s/%s", root, rel);
    CHECK_EQ_INT(tu_write_file(path, NULL, len, seed), 0);
}

static int32_t build(const char *src, const fs_layout_options *o, const char *img, const char *hidden)
{
    fs_tree *t = fs_tree_new();
    fs_layout *L;
    int32_t hr = tu_add_disk_tree(t, fs_tree_root(t), src);
    if (!hr && hidden)
    {
        fs_item *it;
        if (!(hr = tu_lookup(t, hidden, &it))) fs_item_set_hidden(it, 1);
    }
    if (!hr) hr = fs_layout_build(t, o, &L);
    fs_tree_free(t);                           /* the layout is a snapshot */
    if (hr) return hr;
    hr = tu_write_image(L, img);
    fs_layout_release(L);
    return hr;
}

/* xorriso -compare_r: differences other than the attributes plain ISO9660/Joliet
 * cannot carry (mode, times, owner). Returns their count, -1 if xorriso failed. */
static long last_load_lba;
static int quiet;            /* a compare expected to find differences */   /* "Loading ISO image tree from LBA n" of the last compare */

static int xorriso_compare(const char *pre, const char *img, const char *src)
{
    char *line;
    int bad = 0, st = tu_run(out, sizeof(out), "xorriso %s -joliet on -indev '%s' -compare_r '%s' / 2>&1", pre, img, src);
    if (st < 0 || !strstr(out, "Loading ISO image tree") ) { fprintf(stderr, "%s\n", out); return -1; }
    last_load_lba = strstr(out, "from LBA ") ? atol(strstr(out, "from LBA ") + 9) : 0;
    for (line = strtok(out, "\n"); line; line = strtok(NULL, "\n"))
    {
        if ((line[0] == '-' || line[0] == '?') && line[1] == ' '
            && !strstr(line, ": st_mode") && !strstr(line, ": st_mtime") && !strstr(line, ": st_ctime")
            && !strstr(line, ": st_atime") && !strstr(line, ": st_uid") && !strstr(line, ": st_gid"))
        {
            if (!quiet) fprintf(stderr, "xorriso: %s\n", line);
            bad++;
        }
        if (strstr(line, "FAILURE") || strstr(line, "SORRY")) { fprintf(stderr, "xorriso: %s\n", line); bad++; }
    }
    return bad;
}

static int count_lines_with(const char *text, const char *needle)
{
    int n = 0;
    const char *p = text;
    while ((p = strstr(p, needle))) { n++; p += strlen(needle); }
    return n;
}

static void make_tree_a(const char *src)
{
    int i;
    char rel[256];
    mkdirs(src, "emptydir");
    mkdirs(src, "a/b/c/d/e/f/g");                   /* g is level 8 */
    mkdirs(src, "中文目录");
    mkdirs(src, "many");
    file(src, "readme.txt", 6, 1);
    file(src, "empty.dat", 0, 0);
    file(src, "block.bin", 2048, 2);
    file(src, "block_plus_one.bin", 2049, 3);
    file(src, "rand.bin", 100000, 4);
    file(src, "a/b/c/d/e/f/g/deep.txt", 5, 5);
    file(src, "Ελληνικά.txt", 10, 6);
    file(src, "中文目录/文件.txt", 11, 7);
    file(src, "emoji_😀.txt", 12, 8);
    file(src, "dated.txt", 3, 9);
    file(src, "hidden.txt", 3, 10);
    file(src, "A name with spaces, commas & a long tail that stays under 64.txt", 20, 11);
    for (i = 1; i <= 30; i++) { snprintf(rel, sizeof(rel), "verylongname_%d.txt", i); file(src, rel, (size_t)i, i); }
    for (i = 0; i < 1000; i++) { snprintf(rel, sizeof(rel), "many/file%04d.dat", i); file(src, rel, (size_t)(i * 37 % 5000), i); }
    {
        char cmd[2048];
        snprintf(cmd, sizeof(cmd), "touch -d @1700000000 '%s/dated.txt'", src);
        CHECK_EQ_INT(system(cmd), 0);
    }
}

static void scenario_a(const char *dir)
{
    char src[1024], img[1024], x7[1024];
    fs_layout_options o;
    char want[64];
    int i;
    snprintf(src, sizeof(src), "%s/src", dir);
    snprintf(img, sizeof(img), "%s/a.iso", dir);
    snprintf(x7, sizeof(x7), "%s/x7", dir);
    make_tree_a(src);
    fs_layout_options_default(&o);
    o.volume_name = (const uint16_t[]){ 'T', 'e', 's', 't', 'V', 'o', 'l' };
    o.volume_name_len = 7;
    o.creation_time = fs_time_from_unix(1700000000);
    CHECK_EQ_INT(build(src, &o, img, "\\hidden.txt"), 0);

    /* isoinfo -d: primary and Joliet descriptors. */
    CHECK_EQ_INT(tu_run(out, sizeof(out), "isoinfo -d -i '%s' 2>&1", img), 0);
    CHECK(strstr(out, "Volume id: TESTVOL") != NULL);
    CHECK(strstr(out, "Logical block size is: 2048") != NULL);
    CHECK(strstr(out, "Joliet with UCS level 3 found") != NULL);
    {
        struct stat st;
        CHECK_EQ_INT(stat(img, &st), 0);
        snprintf(want, sizeof(want), "Volume size is: %lld", (long long)(st.st_size / 2048));
        CHECK(strstr(out, want) != NULL);
    }
    /* isoinfo -l: the ISO9660 tree, 8 levels, flags and dates. */
    CHECK_EQ_INT(tu_run(out, sizeof(out), "isoinfo -l -i '%s' 2>&1", img), 0);
    CHECK(strstr(out, "README.TXT;1") != NULL);
    CHECK(strstr(out, "EMPTYDIR") != NULL);
    CHECK(strstr(out, "Directory listing of /A/B/C/D/E/F/G/") != NULL);
    CHECK(strstr(out, "DEEP.TXT;1") != NULL);
    CHECK(strstr(out, "Nov 14 2023") != NULL && strstr(strstr(out, "Nov 14 2023"), "DATED.TXT;1") != NULL);
    CHECK(strstr(out, " 01]  HIDDEN.TXT;1") != NULL);            /* existence bit */
    CHECK(strstr(out, " 00]  README.TXT;1") != NULL);
    CHECK_EQ_INT(count_lines_with(out, ".DAT;1"), 1001);
    /* isoinfo -J: Joliet names (Greek through an 8-bit charset isoinfo knows). */
    CHECK_EQ_INT(tu_run(out, sizeof(out), "isoinfo -J -j iso8859-7 -l -i '%s' 2>&1", img), 0);
    CHECK(strstr(out, "\xc5\xeb\xeb\xe7\xed\xe9\xea\xdc.txt;1") != NULL);
    CHECK(strstr(out, "A name with spaces, commas & a long tail that stays under 64.txt") != NULL);
    CHECK(strstr(out, "verylongname_30.txt") != NULL);

    /* Same tree, same options, same time: the same bytes (before anything below
     * rewrites a source file and so changes its recording date). */
    {
        char img2[1100];
        snprintf(img2, sizeof(img2), "%s/a2.iso", dir);
        CHECK_EQ_INT(build(src, &o, img2, "\\hidden.txt"), 0);
        CHECK_EQ_INT(tu_run(NULL, 0, "cmp -s '%s' '%s'", img, img2), 0);
    }

    /* xorriso: the Joliet tree equals the source, byte for byte. */
    CHECK_EQ_INT(xorriso_compare("", img, src), 0);
    CHECK_EQ_INT(tu_run(out, sizeof(out), "xorriso -joliet on -indev '%s' -find / -type f 2>/dev/null | grep -c '^'", img), 0);
    i = atoi(out);
    CHECK_EQ_INT(tu_run(out, sizeof(out), "find '%s' -type f | wc -l", src), 0);
    CHECK_EQ_INT(i, atoi(out));
    CHECK(i > 1000);
    /* ... and a compare that must fail does fail (the check can see differences). */
    {
        char cmd[2048];
        snprintf(cmd, sizeof(cmd), "echo changed > '%s/readme.txt'", src);
        CHECK_EQ_INT(system(cmd), 0);
        quiet = 1;
        CHECK(xorriso_compare("", img, src) > 0);
        quiet = 0;
        file(src, "readme.txt", 6, 1);
    }

    /* 7z extracts the Joliet names; diff -r against the source. */
    CHECK_EQ_INT(tu_run(out, sizeof(out), "7z x -y -o'%s' '%s' 2>&1", x7, img), 0);
    CHECK_EQ_INT(tu_run(out, sizeof(out), "diff -r '%s' '%s' 2>&1", src, x7), 0);
    if (out[0]) fprintf(stderr, "%s\n", out);

    /* pycdlib walks both trees and compares every Joliet file. */
    CHECK_EQ_INT(tu_run(out, sizeof(out), "%s '%s' '%s' '%s' 2>&1", py, script, img, src), 0);
    if (!strstr(out, "0 errors")) fprintf(stderr, "%s\n", out);

    /* iso-info (libcdio) reads Joliet as strict UCS-2 and rejects the emoji's surrogate
     * pair, so it judges the ISO9660 tree here and Joliet in scenario B. */
    CHECK_EQ_INT(tu_run(out, sizeof(out), "iso-info --no-joliet -l '%s' 2>&1", img), 0);
    CHECK(strstr(out, "README.TXT") != NULL || strstr(out, "readme.txt") != NULL);
    CHECK(strstr(out, "Error") == NULL);

}

/* Level 1 names, clashes after mangling, Joliet names longer than 64 units. */
static void scenario_b(const char *dir)
{
    char src[1024], img[1024];
    fs_layout_options o;
    int i;
    char rel[256], *line;
    snprintf(src, sizeof(src), "%s/src", dir);
    snprintf(img, sizeof(img), "%s/b.iso", dir);
    mkdirs(src, "Long Directory Name One/inner");
    mkdirs(src, "Long Directory Name Two");
    file(src, "Long Directory Name Two/x.txt", 4, 1);
    for (i = 1; i <= 40; i++) { snprintf(rel, sizeof(rel), "verylongname_%d.text", i); file(src, rel, 1, i); }
    file(src, "Ελληνικά.txt", 10, 6);
    file(src, "中文.txt", 10, 6);
    file(src, "noext", 1, 1);
    file(src, "NOEXT.", 1, 1);
    /* 70 characters sharing the first 66: Joliet must cut and keep them apart. */
    file(src, "joliet_long_name_0123456789_0123456789_0123456789_0123456789_abc_one.txt", 3, 1);
    file(src, "joliet_long_name_0123456789_0123456789_0123456789_0123456789_abc_two.txt", 3, 2);
    fs_layout_options_default(&o);
    o.iso_level = 1;
    o.creation_time = fs_time_from_unix(1700000000);
    CHECK_EQ_INT(build(src, &o, img, NULL), 0);

    /* Every ISO9660 identifier is 8.3 d-characters with ";1"; unique per directory. */
    CHECK_EQ_INT(tu_run(out, sizeof(out), "isoinfo -l -i '%s' 2>&1", img), 0);
    {
        int names = 0, bad = 0;
        for (line = strtok(out, "\n"); line; line = strtok(NULL, "\n"))
        {
            char *name = strstr(line, "]  ");
            size_t base = 0, ext = 0, k;
            int is_dir = line[0] == 'd';
            if (!name) continue;
            name += 3;
            while (strlen(name) && name[strlen(name) - 1] == ' ') name[strlen(name) - 1] = 0;
            /* Win32 names never end in '.' or ' ' and readers strip them (xorriso does). */
        if (name[strlen(name) - 1] == '.' || name[strlen(name) - 1] == ' ') continue;
            names++;
            for (k = 0; name[k] && name[k] != '.' && name[k] != ';'; k++)
                if (!((name[k] >= 'A' && name[k] <= 'Z') || (name[k] >= '0' && name[k] <= '9') || name[k] == '_' || name[k] == '~')) bad++;
            base = k;
            if (name[k] == '.') for (k++; name[k] && name[k] != ';'; k++, ext++)
                if (!((name[k] >= 'A' && name[k] <= 'Z') || (name[k] >= '0' && name[k] <= '9') || name[k] == '_')) bad++;
            if (base > 8 || ext > 3) bad++;
            if (!is_dir && strcmp(name + k, ";1")) bad++;
            if (is_dir && name[k]) bad++;
            if (bad) { fprintf(stderr, "bad level-1 name: %s\n", name); break; }
        }
        CHECK_EQ_INT(bad, 0);
        CHECK_EQ_INT(tu_run(out, sizeof(out), "find '%s' -mindepth 1 | wc -l", src), 0);
        CHECK_EQ_INT(names, atoi(out));
    }
    /* (names in different directories may repeat: this tree has none but "." and "..") */
    CHECK_EQ_INT(tu_run(out, sizeof(out), "isoinfo -l -i '%s' | sed -n 's/.*]  //p' | grep -v '^\\.\\.\\? *$' | sort | uniq -d | wc -l", img), 0);
    CHECK_EQ_INT(atoi(out), 0);

    /* Joliet: both 70-character names present, distinct, at most 64 units. */
    CHECK_EQ_INT(tu_run(out, sizeof(out), "xorriso -joliet on -indev '%s' -find / -name 'joliet_long*' 2>/dev/null", img), 0);
    {
        int n = 0, toolong = 0;
        char first[256] = "";
        for (line = strtok(out, "\n"); line; line = strtok(NULL, "\n"))
        {
            if (strncmp(line, "'/joliet_long", 13)) continue;
            n++;
            if (strlen(line) - 3 > 64) toolong++;            /* quotes and slash */
            if (n == 1) snprintf(first, sizeof(first), "%s", line);
            else CHECK(strcmp(first, line) != 0);
        }
        CHECK_EQ_INT(n, 2);
        CHECK_EQ_INT(toolong, 0);
    }
    CHECK_EQ_INT(tu_run(out, sizeof(out), "xorriso -joliet on -indev '%s' -find / -mindepth 1 2>&1 | grep -c \"^'/\"", img), 0);
    i = atoi(out);
    CHECK_EQ_INT(tu_run(out, sizeof(out), "find '%s' -mindepth 1 | wc -l", src), 0);
    CHECK_EQ_INT(i, atoi(out));

    /* isovfy (genisoimage) verifies directory records and path tables. */
    CHECK_EQ_INT(tu_run(out, sizeof(out), "isovfy '%s' 2>&1", img), 0);
    CHECK(strstr(out, "No errors found") != NULL);

    /* iso-info reads this Joliet tree (no surrogates in it). */
    CHECK_EQ_INT(tu_run(out, sizeof(out), "iso-info -l '%s' 2>&1", img), 0);
    CHECK(strstr(out, "Error") == NULL);
    CHECK(strstr(out, "verylongname_40.text") != NULL);
    CHECK(strstr(out, "Joliet Level: 3") != NULL);

    /* pycdlib walks both trees (names are mangled, so it counts rather than compares). */
    CHECK_EQ_INT(tu_run(out, sizeof(out), "%s '%s' '%s' '%s' --count-only 2>&1", py, script, img, src), 0);
    if (!strstr(out, "0 errors")) fprintf(stderr, "%s\n", out);
    /* 7z and diff on the parts whose Joliet names fit unchanged. */
    CHECK_EQ_INT(tu_run(out, sizeof(out), "cd '%s' && 7z x -y -ox7 b.iso >/dev/null 2>&1 && diff -r src/'Long Directory Name Two' x7/'Long Directory Name Two' && cmp src/verylongname_17.text x7/verylongname_17.text", dir), 0);
}

/* Random names from a mixed alphabet (ASCII punctuation, Greek, Cyrillic, CJK, emoji)
 * in random directories: level-1 ISO9660 names clash heavily, Joliet keeps them all. */
static void scenario_random(const char *dir)
{
    static const char *alphabet[] = { "a", "b", "c", "e", "x", "0", "7", " ", ".", "_", "-", "~", "+",
                                      "\xce\xb1", "\xce\xb2", "\xd0\xb6", "\xe4\xb8\xad", "\xe6\x96\x87", "\xf0\x9f\x98\x80" };
    char src[1024], img[1024], dirs[64][1024];
    int ndirs = 1, i, made = 0, depth[64] = { 1 };
    uint32_t r = 2024;
    fs_layout_options o;
    snprintf(src, sizeof(src), "%s/src", dir);
    snprintf(img, sizeof(img), "%s/r.iso", dir);
    mkdirs(src, "");
    strcpy(dirs[0], "");
    for (i = 0; i < 400; i++)
    {
        char name[256] = "", rel[1400], full[2500];
        int k, len, parent;
        struct stat st;
        r = r * 1103515245u + 12345u; len = 1 + (int)((r >> 16) % 24);
        for (k = 0; k < len; k++)
        {
            r = r * 1103515245u + 12345u;
            strcat(name, alphabet[(r >> 16) % (sizeof(alphabet) / sizeof(alphabet[0]))]);
        }
        /* Win32 names never end in '.' or ' ' and readers strip them (xorriso does). */
        if (name[strlen(name) - 1] == '.' || name[strlen(name) - 1] == ' ') continue;
        r = r * 1103515245u + 12345u; parent = (int)((r >> 16) % (unsigned)ndirs);
        if (strlen(dirs[parent]) > 600) continue;
        snprintf(rel, sizeof(rel), "%s%s%s", dirs[parent], dirs[parent][0] ? "/" : "", name);
        snprintf(full, sizeof(full), "%s/%s", src, rel);
        if (stat(full, &st) == 0) continue;                     /* exists already */
        r = r * 1103515245u + 12345u;
        if (ndirs < 64 && depth[parent] < 8 && (r >> 16) % 5 == 0)   /* level 8 at most */
        {
            char cmd[2600];
            snprintf(cmd, sizeof(cmd), "mkdir '%s'", full);
            if (system(cmd) == 0)
            {
                depth[ndirs] = depth[parent] + 1;
                snprintf(dirs[ndirs++], sizeof(dirs[0]), "%.1000s", rel);
            }
        }
        else
            CHECK_EQ_INT(tu_write_file(full, NULL, (size_t)((r >> 8) % 5000), i), 0);
        made++;
    }
    CHECK(made > 300);
    fs_layout_options_default(&o);
    o.iso_level = 1;
    o.creation_time = fs_time_from_unix(1700000000);
    CHECK_EQ_INT(build(src, &o, img, NULL), 0);
    CHECK_EQ_INT(xorriso_compare("", img, src), 0);
    CHECK_EQ_INT(tu_run(out, sizeof(out), "%s '%s' '%s' '%s' 2>&1", py, script, img, src), 0);
    if (!strstr(out, "0 errors")) fprintf(stderr, "%s\n", out);
    CHECK_EQ_INT(tu_run(out, sizeof(out), "isovfy '%s' 2>&1", img), 0);
    CHECK(strstr(out, "No errors found") != NULL);
    /* ISO9660 identifiers unique within each directory. */
    CHECK_EQ_INT(tu_run(out, sizeof(out), "isoinfo -l -i '%s' | awk '/^Directory listing of/{d=$0} /\\]  /{sub(/.*\\]  /,\"\"); print d \"|\" $0}' | sort | uniq -d | wc -l", img), 0);
    CHECK_EQ_INT(atoi(out), 0);
    CHECK_EQ_INT(tu_run(out, sizeof(out), "isoinfo -l -i '%s' | grep -c ';1'", img), 0);
    CHECK(atoi(out) > 200);
}

/* A second session: every address offset by SessionStartBlock. xorriso loads it from
 * the concatenation of a first session and our stream. */
static void scenario_multisession(const char *dir)
{
    char src1[1024], src2[1024], img1[1024], img2[1024], cmd[4096];
    fs_layout_options o;
    struct stat st;
    snprintf(src1, sizeof(src1), "%s/s1", dir);
    snprintf(src2, sizeof(src2), "%s/s2", dir);
    snprintf(img1, sizeof(img1), "%s/one.iso", dir);
    snprintf(img2, sizeof(img2), "%s/two.raw", dir);
    mkdirs(src1, "");
    mkdirs(src2, "sub");
    file(src1, "first.txt", 100, 1);
    file(src2, "second.bin", 70000, 2);
    file(src2, "sub/third.txt", 10, 3);
    fs_layout_options_default(&o);
    o.creation_time = fs_time_from_unix(1700000000);
    CHECK_EQ_INT(build(src1, &o, img1, NULL), 0);
    CHECK_EQ_INT(stat(img1, &st), 0);
    /* No VolumeName: generated from the creation time (1700000000 = 2023-11-14 22:13:20 UTC). */
    CHECK_EQ_INT(tu_run(out, sizeof(out), "isoinfo -d -i '%s' 2>&1", img1), 0);
    CHECK(strstr(out, "Volume id: 20231114_221320") != NULL);
    o.session_start = (uint32_t)(st.st_size / 2048);
    CHECK_EQ_INT(build(src2, &o, img2, NULL), 0);
    snprintf(cmd, sizeof(cmd), "cd '%s' && cat one.iso two.raw > multi.iso", dir);
    CHECK_EQ_INT(system(cmd), 0);
    snprintf(cmd, sizeof(cmd), "-load sbsector %u", (unsigned)o.session_start);
    snprintf(img1, sizeof(img1), "%s/multi.iso", dir);
    CHECK_EQ_INT(xorriso_compare(cmd, img1, src2), 0);
    CHECK_EQ_INT(last_load_lba, o.session_start);
}

int main(void)
{
    const char *dir;
    CHECK(tu_have("xorriso"));
    CHECK(tu_have("isoinfo"));
    CHECK(tu_have("isovfy"));
    CHECK(tu_have("7z"));
    CHECK(tu_have("iso-info"));
    py = tu_python_with_pycdlib();
    CHECK(py != NULL);
    if (!py) py = "python3";
    snprintf(script, sizeof(script), "%s/tests/fs/pycdlib_check.py", getenv("IMAPI_SOURCE_DIR") ? getenv("IMAPI_SOURCE_DIR") : ".");

    dir = tu_scratch("fs_image_a");
    CHECK(dir != NULL);
    if (dir) scenario_a(dir);
    dir = tu_scratch("fs_image_b");
    if (dir) scenario_b(dir);
    dir = tu_scratch("fs_image_random");
    if (dir) scenario_random(dir);
    dir = tu_scratch("fs_image_ms");
    if (dir) scenario_multisession(dir);
    return check_finish("test_fs_image");
}
