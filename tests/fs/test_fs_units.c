/* Unit tests of core/fs rules: names, case folding, dates, ISO9660/Joliet mangling,
 * unique names, ECMA-119 9.3 order, tree operations and their HRESULTs, change points.
 * Expected values come from the standards and the calendar, not from our output. */
#include <string.h>
#include <time.h>
#include "check.h"
#include "fs_test_util.h"
#include "fs/fs_name.h"
#include "fs/fs_date.h"
#include "fs/fs_mangle.h"
#include "fs/fs_ecma119.h"
#include "fs/fs_hresult.h"
#include "fs/fs_conform.h"

static uint16_t ubuf[8][512];
static int unext;

/* UTF-8 literal to a (rotating) UTF-16 buffer; length in *len. */
static const uint16_t *U(const char *s, size_t *len)
{
    uint16_t *b = ubuf[unext++ % 8];
    *len = fs_utf8_to_u16(s, b, 512);
    return b;
}

static int u16_eq_ascii(const uint16_t *a, size_t alen, const char *s)
{
    size_t i;
    if (alen != strlen(s)) return 0;
    for (i = 0; i < alen; i++) if (a[i] != (uint8_t)s[i]) return 0;
    return 1;
}

static int32_t name_check(const char *s, int restricted)
{
    size_t len;
    const uint16_t *u = U(s, &len);
    return fs_name_check(u, len, restricted);
}

static void test_names(void)
{
    static const char *bad[] = { "", "a/b", "a\\b", "a:b", "a*", "a?", "a\"b", "a<", "a>", "a|b", "a\tb", "\x7f", ".", ".." };
    uint16_t longname[300];
    size_t i, la, lb;
    const uint16_t *a, *b;
    CHECK_EQ_INT(name_check("readme.txt", 0), 0);
    CHECK_EQ_INT(name_check("...hidden", 0), 0);
    CHECK_EQ_INT(name_check("Ελληνικά.txt", 0), 0);
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        CHECK_EQ_INT(name_check(bad[i], 0), IMAPI_E_INVALID_PARAM);
    for (i = 0; i < 300; i++) longname[i] = 'x';
    CHECK_EQ_INT(fs_name_check(longname, 255, 0), 0);
    CHECK_EQ_INT(fs_name_check(longname, 256, 0), IMAPI_E_INVALID_PARAM);
    CHECK_EQ_INT(name_check("Ελληνικά.txt", 1), IMAPI_E_RESTRICTED_NAME_VIOLATION);
    CHECK_EQ_INT(name_check("caf\xc3\xa9.txt", 1), 0);      /* é is in the ANSI range */

    a = U("ελληνικά.TXT", &la); b = U("ΕΛΛΗΝΙΚΆ.txt", &lb);
    CHECK(fs_name_equal_ci(a, la, b, lb));
    CHECK_EQ_INT(fs_name_hash_ci(a, la), fs_name_hash_ci(b, lb));
    a = U("straße", &la); b = U("STRASSE", &lb);
    CHECK(!fs_name_equal_ci(a, la, b, lb));
    a = U("привет", &la); b = U("ПРИВЕТ", &lb);
    CHECK(fs_name_equal_ci(a, la, b, lb));
}

static void test_volume_names(void)
{
    size_t len, i;
    const uint16_t *u;
    char iso[33];
    uint16_t jol[17];
    u = U("My Disc-1.x", &len);
    CHECK_EQ_INT(fs_volume_name_check(u, len), 0);
    fs_volume_name_iso9660(u, len, iso);
    CHECK(!strcmp(iso, "MY_DISC_1_X"));                    /* d-characters only */
    fs_volume_name_joliet(u, len, jol);
    CHECK(u16_eq_ascii(jol, fs_u16len(jol), "My Disc-1.x"));
    u = U("123456789012345", &len);
    CHECK_EQ_INT(fs_volume_name_check(u, len), 0);
    u = U("1234567890123456", &len);
    CHECK_EQ_INT(fs_volume_name_check(u, len), IMAPI_E_INVALID_VOLUME_NAME);
    u = U("Ελληνικά 😀", &len);                          /* 10 characters, 11 units */
    CHECK_EQ_INT(fs_volume_name_check(u, len), 0);
    u = U("tab\t", &len);
    CHECK_EQ_INT(fs_volume_name_check(u, len), IMAPI_E_INVALID_VOLUME_NAME);
    /* characters no volume identifier of the image can hold (Joliet's * / : ; ? \,
     * Windows' " < > |): refused, one at a time and together */
    {
        static const char *bad[] = { "A*B?C:D|", "a/b", "a\\b", "a:b", "a*b", "a?b", "a\"b", "a<b", "a>b",
                                     "a|b", "a;b" };
        for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        {
            u = U(bad[i], &len);
            CHECK_EQ_INT(fs_volume_name_check(u, len), IMAPI_E_INVALID_VOLUME_NAME);
        }
    }
    u = U("yyyyMMdd-HHmmss", &len);                      /* what scripts commonly use */
    CHECK_EQ_INT(fs_volume_name_check(u, len), 0);
    u = U("abcdefghijklmnopqrstuvwxyz0123456789", &len);
    fs_volume_name_iso9660(u, len, iso);
    CHECK_EQ_INT(strlen(iso), 32);
    fs_volume_name_joliet(u, len, jol);
    CHECK_EQ_INT(fs_u16len(jol), 16);
    for (i = 0; i < 16; i++) CHECK_EQ_INT(jol[i], u[i]);
}

/* Names from a disk listing (AddTree): every entry kept, conformed and unique. */
struct conf_case { const char *disk; int is_dir; const char *item; unsigned flags; };

static int conform_listing(const struct conf_case *c, size_t n, int reversed)
{
    fs_listing_entry e[16];
    uint16_t names[16][300];
    size_t i, j, len;
    int bad = 0;
    int32_t hr;

    for (i = 0; i < n; i++)
    {
        size_t k = reversed ? n - 1 - i : i;   /* the disk's order must not matter */
        len = fs_utf8_to_u16(c[k].disk, names[i], 300);
        e[i].name = names[i];
        e[i].len = len;
        e[i].is_dir = c[k].is_dir;
        e[i].index = k;
    }
    hr = fs_listing_conform(e, n);
    CHECK_EQ_INT(hr, 0);
    for (i = 0; i < n && !hr; i++)
    {
        const struct conf_case *want = &c[e[i].index];
        uint16_t w[300];
        len = fs_utf8_to_u16(want->item, w, 300);
        if (len != e[i].item_len || memcmp(w, e[i].item_name, len * 2) || e[i].flags != want->flags)
        {
            fprintf(stderr, "conform: %s gave flags %u, expected %s flags %u\n", want->disk, e[i].flags,
                    want->item, want->flags);
            bad++;
        }
        CHECK_EQ_INT(fs_name_check(e[i].item_name, e[i].item_len, 0), 0);
        for (j = 0; j < i; j++)
            CHECK(!fs_name_equal_ci(e[i].item_name, e[i].item_len, e[j].item_name, e[j].item_len));
    }
    fs_listing_release(e, n);
    return bad;
}

static void test_conform(void)
{
    static const struct conf_case cases[] =
    {
        { "CASEA.TXT", 0, "CASEA.TXT", 0 },                   /* ordinal order: 'A' < 'a' */
        { "CaseA.txt", 0, "CaseA~2.txt", FS_CONFORM_CASE },   /* ~1 is taken by... */
        { "casea~1.txt", 0, "casea~1.txt", 0 },               /* ...a disk name: never given twice */
        { "casea.txt", 0, "casea~3.txt", FS_CONFORM_CASE },
        { "Song: Title.mp3", 0, "Song_ Title.mp3", FS_CONFORM_CHARS },
        { "q?\"<>|*.txt", 0, "q______.txt", FS_CONFORM_CHARS },
        { "tab\there", 0, "tab_here", FS_CONFORM_CHARS },
        { "notes.", 0, "notes_", FS_CONFORM_CHARS },
        { "trail. .", 0, "trail___", FS_CONFORM_CHARS },
        { "a_b.txt", 0, "a_b.txt", 0 },                       /* the unchanged name keeps it... */
        { "a:b.txt", 0, "a_b~1.txt", FS_CONFORM_CHARS | FS_CONFORM_CASE },  /* ...the conformed one yields */
        { "Dir", 1, "Dir", 0 },
        { "dir", 1, "dir~1", FS_CONFORM_CASE },
        { "V1.2", 1, "V1.2", 0 },
        { "v1.2", 1, "v1.2~1", FS_CONFORM_CASE },            /* directories: ~N at the end */
    };
    fs_listing_entry big[1];
    uint16_t longname[FS_NAME_MAX], out[8];
    size_t i;

    CHECK_EQ_INT(conform_listing(cases, sizeof(cases) / sizeof(cases[0]), 0), 0);
    CHECK_EQ_INT(conform_listing(cases, sizeof(cases) / sizeof(cases[0]), 1), 0);

    /* 255 units: the base is cut so that ~N and the extension fit */
    for (i = 0; i < FS_NAME_MAX; i++) longname[i] = 'x';
    longname[FS_NAME_MAX - 4] = '.';
    {
        fs_listing_entry two[2];
        uint16_t upper[FS_NAME_MAX];
        for (i = 0; i < FS_NAME_MAX; i++) upper[i] = longname[i] == 'x' ? 'X' : longname[i];
        two[0].name = longname; two[0].len = FS_NAME_MAX; two[0].is_dir = 0; two[0].index = 0;
        two[1].name = upper; two[1].len = FS_NAME_MAX; two[1].is_dir = 0; two[1].index = 1;
        CHECK_EQ_INT(fs_listing_conform(two, 2), 0);
        CHECK_EQ_INT(two[0].item_len, FS_NAME_MAX);
        CHECK_EQ_INT(two[1].item_len, FS_NAME_MAX);
        CHECK_EQ_INT(two[1].item_name[FS_NAME_MAX - 6], '~');
        CHECK_EQ_INT(two[1].item_name[FS_NAME_MAX - 5], '1');
        CHECK_EQ_INT(two[1].item_name[FS_NAME_MAX - 4], '.');
        fs_listing_release(two, 2);
    }
    CHECK(!fs_name_conform_chars(longname, 3, out));
    big[0].name = longname; big[0].len = 1; big[0].is_dir = 0; big[0].index = 0;
    CHECK_EQ_INT(fs_listing_conform(big, 1), 0);
    CHECK(big[0].item_name == longname && big[0].flags == 0);
    fs_listing_release(big, 1);
}

static void test_dates(void)
{
    uint8_t d7[7], d17[17];
    static const uint8_t epoch7[7] = { 70, 1, 1, 0, 0, 0, 0 };
    static const uint8_t leap7[7] = { 100, 2, 29, 12, 34, 56, 0 };
    fs_time_to_iso7(fs_time_from_unix(0), d7);
    CHECK(!memcmp(d7, epoch7, 7));
    fs_time_to_iso7(fs_time_from_unix(951827696), d7);        /* 2000-02-29 12:34:56 UTC */
    CHECK(!memcmp(d7, leap7, 7));
    fs_time_to_iso17(fs_time_from_unix(1700000000) + 1230000, d17);  /* 2023-11-14 22:13:20.12 */
    CHECK(!memcmp(d17, "2023111422132012", 16));
    CHECK_EQ_INT(d17[16], 0);
    fs_time_to_iso17(0, d17);
    CHECK(!memcmp(d17, "0000000000000000", 16));
    fs_time_to_iso7(1, d7);                                    /* 1601 clamps to 1900-01-01 */
    CHECK_EQ_INT(d7[0], 0); CHECK_EQ_INT(d7[1], 1); CHECK_EQ_INT(d7[2], 1);
    fs_time_to_iso7(fs_time_from_unix(-86400), d7);            /* 1969-12-31 */
    CHECK_EQ_INT(d7[0], 69); CHECK_EQ_INT(d7[1], 12); CHECK_EQ_INT(d7[2], 31);
    fs_time_to_iso7(fs_time_from_unix(4107542400LL), d7);      /* 2100-03-01: 2100 is not leap */
    CHECK_EQ_INT(d7[0], 200); CHECK_EQ_INT(d7[1], 3); CHECK_EQ_INT(d7[2], 1);
}

static void iso_name(const char *name, int is_dir, int level, const char *want_base, const char *want_ext)
{
    fs_mangled m;
    size_t len;
    const uint16_t *u = U(name, &len);
    fs_mangle_iso9660(u, len, is_dir, level, &m);
    CHECK(u16_eq_ascii(m.base, m.base_len, want_base));
    CHECK(u16_eq_ascii(m.ext, m.ext_len, want_ext));
    if (!u16_eq_ascii(m.base, m.base_len, want_base) || !u16_eq_ascii(m.ext, m.ext_len, want_ext))
        fprintf(stderr, "  for %s\n", name);
}

static void test_mangle(void)
{
    fs_mangled m;
    size_t len, i, olen;
    const uint16_t *u;
    uint16_t out[300];
    fs_uniq *uq = fs_uniq_new();

    iso_name("readme.txt", 0, 1, "README", "TXT");
    iso_name("Long File Name.html", 0, 1, "LONG_FIL", "HTM");
    iso_name("my.dir", 1, 1, "MY_DIR", "");
    iso_name("Ελληνικά.txt", 0, 1, "________", "TXT");
    iso_name("emoji_😀.txt", 0, 2, "EMOJI__", "TXT");     /* one '_' per character, not per unit */
    iso_name(".profile", 0, 1, "_PROFILE", "");
    iso_name("noext", 0, 1, "NOEXT", "");
    iso_name("verylongname_10.txt", 0, 2, "VERYLONGNAME_10", "TXT");
    iso_name("a.b.c.d", 0, 2, "A_B_C", "D");
    iso_name("A Directory Name Longer Than Thirty One", 1, 2, "A_DIRECTORY_NAME_LONGER_THAN_TH", "");

    /* Level 1 clashes: the shortened base gets ~N, widening as N grows. */
    fs_uniq_reset(uq, 30);
    for (i = 1; i <= 12; i++)
    {
        char name[64];
        static const char *want[] = { "", "VERYLONG.TXT", "VERYLO~1.TXT", "VERYLO~2.TXT", "VERYLO~3.TXT",
            "VERYLO~4.TXT", "VERYLO~5.TXT", "VERYLO~6.TXT", "VERYLO~7.TXT", "VERYLO~8.TXT", "VERYLO~9.TXT",
            "VERYL~10.TXT", "VERYL~11.TXT" };
        snprintf(name, sizeof(name), "verylongname_%u.txt", (unsigned)i);
        u = U(name, &len);
        fs_mangle_iso9660(u, len, 0, 1, &m);
        CHECK_EQ_INT(fs_uniq_make(uq, &m, out, &olen), 0);
        CHECK(u16_eq_ascii(out, olen, want[i]));
    }
    /* An existing name equal to a generated one is skipped over, not duplicated
     * (Joliet keeps '~'; in ISO9660 it is no d-character, see VERYLO_1 below). */
    iso_name("VERYLO~1.TXT", 0, 1, "VERYLO_1", "TXT");
    fs_uniq_reset(uq, 4);
    u = U("abcdefgh~1", &len); fs_mangle_joliet(u, len, 0, 10, &m);
    CHECK_EQ_INT(fs_uniq_make(uq, &m, out, &olen), 0);
    u = U("abcdefghijk", &len); fs_mangle_joliet(u, len, 0, 10, &m);
    CHECK_EQ_INT(fs_uniq_make(uq, &m, out, &olen), 0);
    CHECK(u16_eq_ascii(out, olen, "abcdefghij"));
    u = U("ABCDEFGHIJz", &len); fs_mangle_joliet(u, len, 0, 10, &m);
    CHECK_EQ_INT(fs_uniq_make(uq, &m, out, &olen), 0);         /* clashes case-insensitively */
    CHECK(u16_eq_ascii(out, olen, "ABCDEFGH~2"));

    /* Impossible: base of at most 3 units leaves room for A~1..A~9 only. */
    fs_uniq_reset(uq, 16);
    memset(&m, 0, sizeof(m));
    m.base[0] = 'A'; m.base_len = 1; m.base_cap = 3;
    for (i = 0; i < 10; i++) CHECK_EQ_INT(fs_uniq_make(uq, &m, out, &olen), 0);
    CHECK_EQ_INT(fs_uniq_make(uq, &m, out, &olen), IMAPI_E_NO_UNIQUE_NAME);

    /* Joliet: 64 units kept, longer cut; a surrogate pair is never split. */
    {
        char name[200];
        memset(name, 'a', 63);
        strcpy(name + 63, "😀tail.txt");
        u = U(name, &len);
        fs_mangle_joliet(u, len, 0, 64, &m);
        CHECK(m.base_len + 1 + m.ext_len <= 64);
        CHECK(u16_eq_ascii(m.ext, m.ext_len, "txt"));
        CHECK(!(m.base[m.base_len - 1] >= 0xd800 && m.base[m.base_len - 1] <= 0xdbff));
        u = U("semi;colon*star?.txt", &len);
        fs_mangle_joliet(u, len, 0, 64, &m);
        CHECK(u16_eq_ascii(m.base, m.base_len, "semi_colon_star_"));
        u = U("Ελληνικά.txt", &len);
        fs_mangle_joliet(u, len, 0, 64, &m);
        CHECK_EQ_INT(m.base_len, 8);
        CHECK_EQ_INT(m.base[0], 0x395);
    }
    {
        uint16_t cn[300];
        size_t n;
        u = U("Long File Name.html", &len);
        n = fs_conformed_name(u, len, 0, 1, 1, cn);
        CHECK(u16_eq_ascii(cn, n, "LONG_FIL.HTM"));
        n = fs_conformed_name(u, len, 0, 2, 1, cn);
        CHECK(u16_eq_ascii(cn, n, "Long File Name.html"));
        u = U("noext", &len);
        n = fs_conformed_name(u, len, 0, 1, 2, cn);
        CHECK(u16_eq_ascii(cn, n, "NOEXT."));
        n = fs_conformed_name(u, len, 1, 1, 2, cn);
        CHECK(u16_eq_ascii(cn, n, "NOEXT"));
        CHECK_EQ_INT(fs_conformed_name(u, len, 0, 4, 2, cn), (size_t)-1);
    }
    fs_uniq_free(uq);
}

/* 50,000 names that all clash after level-1 mangling: all unique, linear time. */
static int cmp_u16s(const void *a, const void *b)
{
    return memcmp(a, b, 16 * sizeof(uint16_t));
}

static void test_mass_clash(void)
{
    enum { N = 50000 };
    static uint16_t names[N][16];
    fs_uniq *uq = fs_uniq_new();
    clock_t c0 = clock();
    size_t i, olen, dups = 0;
    int fails = 0;
    fs_uniq_reset(uq, N);
    for (i = 0; i < N; i++)
    {
        char name[64];
        size_t len;
        const uint16_t *u;
        fs_mangled m;
        snprintf(name, sizeof(name), "Clashing document number %06u.document", (unsigned)i);
        u = U(name, &len);
        fs_mangle_iso9660(u, len, 0, 1, &m);
        memset(names[i], 0, sizeof(names[i]));
        if (fs_uniq_make(uq, &m, names[i], &olen) || olen > 12) fails++;
    }
    CHECK_EQ_INT(fails, 0);
    qsort(names, N, sizeof(names[0]), cmp_u16s);
    for (i = 1; i < N; i++) if (!memcmp(names[i - 1], names[i], sizeof(names[0]))) dups++;
    CHECK_EQ_INT(dups, 0);
    printf("50000 clashing 8.3 names made unique in %.3f s CPU\n", (double)(clock() - c0) / CLOCKS_PER_SEC);
    fs_uniq_free(uq);
}

static int idcmp(const char *a, const char *b)
{
    size_t la, lb, da, db, sa, sb;
    const uint16_t *ua = U(a, &la), *ub = U(b, &lb);
    for (da = 0; da < la && ua[da] != '.'; da++) {}
    for (sa = 0; sa < la && ua[sa] != ';'; sa++) {}
    for (db = 0; db < lb && ub[db] != '.'; db++) {}
    for (sb = 0; sb < lb && ub[sb] != ';'; sb++) {}
    if (da > sa) da = sa;
    if (db > sb) db = sb;
    return fs_ecma119_id_compare(ua, la, da, sa, ub, lb, db, sb);
}

static void test_order(void)
{
    /* ECMA-119 9.3: names compared padded with spaces, then extensions, then version
     * descending. "a" padded is "a  ", and ' ' (0x20) < '!' (0x21), so "a.txt" comes
     * before "a!x" although a byte compare of the identifiers ('.' > '!') disagrees. */
    CHECK(idcmp("A.;1", "AB.;1") < 0);
    CHECK(idcmp("a.txt;1", "a!x;1") < 0);          /* plain strcmp would say the opposite */
    CHECK(idcmp("A.;1", "A.B;1") < 0);
    CHECK(idcmp("FOO.TXT;2", "FOO.TXT;1") < 0);    /* higher version first */
    CHECK(idcmp("FOO.TXT;1", "FOO.TXT;1") == 0);
    CHECK(idcmp("B.A;1", "A.Z;1") > 0);
}

static void test_tree(void)
{
    fs_tree *t = fs_tree_new();
    fs_item *it, *a, *detached, *sub;
    fs_data_source src;
    uint16_t path[64];
    size_t len;
    const uint16_t *u;
    int32_t cp;

    CHECK_EQ_INT(tu_add_dir(t, "\\Dir", &a), 0);
    CHECK_EQ_INT(tu_add_dir(t, "\\dir", NULL), IMAPI_E_DUP_NAME);
    tu_fake_source(10, 10, -1, &src);
    CHECK_EQ_INT(tu_add_file(t, "/DIR/File.txt", &src), 0);
    tu_fake_source(10, 10, -1, &src);
    CHECK_EQ_INT(tu_add_file(t, "\\dir\\FILE.TXT", &src), IMAPI_E_DUP_NAME);
    tu_fake_source(10, 10, -1, &src);
    CHECK_EQ_INT(tu_add_file(t, "\\nodir\\x.txt", &src), IMAPI_E_DIR_NOT_FOUND);
    tu_fake_source(10, 10, -1, &src);
    CHECK_EQ_INT(tu_add_file(t, "\\dir\\bad:name", &src), IMAPI_E_INVALID_PATH);
    tu_fake_source(10, 10, -1, &src);
    CHECK_EQ_INT(tu_add_file(t, "\\dir\\file.txt\\below", &src), IMAPI_E_INVALID_PATH);
    CHECK_EQ_INT(tu_lookup(t, "\\dir\\missing", &it), IMAPI_E_ITEM_NOT_FOUND);
    CHECK_EQ_INT(tu_lookup(t, "\\gone\\missing", &it), IMAPI_E_DIR_NOT_FOUND);
    CHECK_EQ_INT(tu_lookup(t, "\\dir\\\\file.txt", &it), IMAPI_E_INVALID_PATH);
    CHECK_EQ_INT(tu_lookup(t, "\\dir\\..\\dir", &it), IMAPI_E_INVALID_PATH);
    CHECK_EQ_INT(tu_lookup(t, "\\DiR\\fIlE.tXt", &it), 0);
    CHECK_EQ_INT(fs_item_kind(it), FS_ITEM_FILE);
    len = fs_item_full_path(it, path, 64);
    CHECK(u16_eq_ascii(path, len, "\\Dir\\File.txt"));       /* stored case kept */
    CHECK_EQ_INT(tu_lookup(t, "\\", &it), 0);
    CHECK(it == fs_tree_root(t));
    u = U("File.txt", &len);
    CHECK_EQ_INT(fs_tree_lookup(t, a, u, len, &it), 0);      /* relative to a directory */
    CHECK_EQ_INT(fs_tree_file_count(t), 1);
    CHECK_EQ_INT(fs_tree_dir_count(t), 1);
    CHECK_EQ_INT(fs_tree_data_blocks(t), 1);
    tu_fake_source(10, 10, -1, &src);
    CHECK_EQ_INT(fs_file_set_source(it, &src), IMAPI_E_READONLY);
    src.release(src.ctx);

    /* Detached subtree: counted only once attached; removal counts back down. */
    u = U("Detached", &len);
    CHECK_EQ_INT(fs_item_new_dir(t, u, len, &detached), 0);
    u = U("inner", &len);
    CHECK_EQ_INT(fs_tree_add_dir_path(t, detached, u, len, &sub), 0);
    tu_fake_source(5000, 5000, -1, &src);
    u = U("inner\\data.bin", &len);
    CHECK_EQ_INT(fs_tree_add_file_path(t, detached, u, len, &src, NULL), 0);
    CHECK_EQ_INT(fs_tree_file_count(t), 1);
    CHECK(!fs_item_in_tree(sub));
    CHECK_EQ_INT(fs_dir_add(t, a, detached), 0);
    CHECK(fs_item_in_tree(sub));
    CHECK_EQ_INT(fs_tree_file_count(t), 2);
    CHECK_EQ_INT(fs_tree_dir_count(t), 3);
    CHECK_EQ_INT(fs_tree_data_blocks(t), 4);
    CHECK_EQ_INT(fs_dir_add(t, a, detached), IMAPI_E_INVALID_PARAM);   /* already attached */
    CHECK_EQ_INT(fs_item_remove(t, detached, 0), IMAPI_E_DIR_NOT_EMPTY);
    CHECK_EQ_INT(fs_item_remove(t, detached, 1), 0);
    CHECK_EQ_INT(fs_tree_file_count(t), 1);
    CHECK_EQ_INT(fs_tree_dir_count(t), 1);
    CHECK(!fs_item_in_tree(sub));                               /* still alive for its holder */
    fs_item_release(detached);

    /* Change points: each add/remove is one; rollback restores; lock-in is a floor. */
    cp = fs_tree_change_point(t);
    CHECK_EQ_INT(tu_add_dir(t, "\\cp1", NULL), 0);
    CHECK_EQ_INT(tu_add_dir(t, "\\cp2", NULL), 0);
    CHECK_EQ_INT(tu_lookup(t, "\\dir", &it), 0);
    CHECK_EQ_INT(fs_item_remove(t, it, 1), 0);
    CHECK_EQ_INT(fs_tree_change_point(t), cp + 3);
    CHECK_EQ_INT(fs_tree_file_count(t), 0);
    CHECK_EQ_INT(fs_tree_rollback(t, cp + 1), 0);
    CHECK_EQ_INT(fs_tree_change_point(t), cp + 1);
    CHECK_EQ_INT(tu_lookup(t, "\\dir\\file.txt", &it), 0);
    CHECK_EQ_INT(tu_lookup(t, "\\cp1", &it), 0);
    CHECK_EQ_INT(tu_lookup(t, "\\cp2", &it), IMAPI_E_ITEM_NOT_FOUND);
    CHECK_EQ_INT(fs_tree_file_count(t), 1);
    CHECK_EQ_INT(fs_tree_dir_count(t), 2);
    CHECK_EQ_INT(fs_tree_rollback(t, cp + 2), IMAPI_E_INVALID_PARAM);   /* beyond the current point */
    CHECK_EQ_INT(fs_tree_lock_in(t), 0);
    CHECK_EQ_INT(fs_tree_rollback(t, cp), IMAPI_E_INVALID_PARAM);
    /* Emptying the root is one change point, undone as one. */
    cp = fs_tree_change_point(t);
    CHECK_EQ_INT(fs_item_remove(t, fs_tree_root(t), 0), IMAPI_E_DIR_NOT_EMPTY);
    CHECK_EQ_INT(fs_item_remove(t, fs_tree_root(t), 1), 0);
    CHECK_EQ_INT(fs_tree_change_point(t), cp + 1);
    CHECK_EQ_INT(fs_tree_file_count(t) + fs_tree_dir_count(t), 0);
    CHECK_EQ_INT(fs_tree_rollback(t, cp), 0);
    CHECK_EQ_INT(fs_tree_file_count(t), 1);
    CHECK_EQ_INT(fs_tree_dir_count(t), 2);
    it = fs_dir_first_child(fs_tree_root(t));                   /* order restored too */
    u = fs_item_name(it, &len);
    CHECK(u16_eq_ascii(u, len, "Dir"));
    /* An item a COM wrapper still holds outlives the tree, detached. */
    CHECK_EQ_INT(tu_lookup(t, "\\dir\\file.txt", &it), 0);
    fs_item_addref(it);
    fs_tree_free(t);
    CHECK(!fs_item_in_tree(it));
    CHECK(fs_item_parent(it) == NULL);
    fs_item_release(it);
}

static void test_limits(void)
{
    fs_tree *t = fs_tree_new();
    fs_item *it, *d;
    fs_data_source src;
    fs_layout_options o;
    fs_layout *L = NULL;
    size_t len;
    const uint16_t *u;
    int i;

    /* Depth: root is level 1, so seven nested directories reach level 8. */
    fs_tree_set_max_levels(t, FS_ISO9660_MAX_LEVELS);
    CHECK_EQ_INT(tu_add_dir(t, "\\1", NULL), 0);
    CHECK_EQ_INT(tu_add_dir(t, "\\1\\2", NULL), 0);
    CHECK_EQ_INT(tu_add_dir(t, "\\1\\2\\3", NULL), 0);
    CHECK_EQ_INT(tu_add_dir(t, "\\1\\2\\3\\4", NULL), 0);
    CHECK_EQ_INT(tu_add_dir(t, "\\1\\2\\3\\4\\5", NULL), 0);
    CHECK_EQ_INT(tu_add_dir(t, "\\1\\2\\3\\4\\5\\6", NULL), 0);
    CHECK_EQ_INT(tu_add_dir(t, "\\1\\2\\3\\4\\5\\6\\7", NULL), 0);
    CHECK_EQ_INT(tu_add_dir(t, "\\1\\2\\3\\4\\5\\6\\7\\8", NULL), IMAPI_E_ISO9660_LEVELS);
    tu_fake_source(1, 1, -1, &src);
    CHECK_EQ_INT(tu_add_file(t, "\\1\\2\\3\\4\\5\\6\\7\\file", &src), 0);   /* files add no level */
    u = U("x", &len);
    CHECK_EQ_INT(fs_item_new_dir(t, u, len, &d), 0);
    CHECK_EQ_INT(fs_tree_add_dir_path(t, d, u, len, NULL), 0);
    CHECK_EQ_INT(tu_lookup(t, "\\1\\2\\3\\4\\5\\6", &it), 0);
    CHECK_EQ_INT(fs_dir_add(t, it, d), IMAPI_E_ISO9660_LEVELS);          /* subtree height counts */
    CHECK_EQ_INT(fs_tree_levels(t), 8);
    fs_item_release(d);

    /* A tree deeper than 8 (limit not set on the tree) fails at layout. */
    fs_tree_set_max_levels(t, 0);
    CHECK_EQ_INT(tu_add_dir(t, "\\1\\2\\3\\4\\5\\6\\7\\8", NULL), 0);
    fs_layout_options_default(&o);
    o.creation_time = fs_time_from_unix(1700000000);
    CHECK_EQ_INT(fs_layout_build(t, &o, &L), IMAPI_E_ISO9660_LEVELS);
    CHECK(L == NULL);
    CHECK_EQ_INT(tu_lookup(t, "\\1\\2\\3\\4\\5\\6\\7\\8", &it), 0);
    CHECK_EQ_INT(fs_item_remove(t, it, 0), 0);
    CHECK_EQ_INT(fs_layout_build(t, &o, &L), 0);
    fs_layout_release(L);

    /* File size: exactly 2 GiB is accepted, one byte more is IMAPI_E_DATA_TOO_BIG. */
    fs_tree_set_max_file_size(t, FS_ISO9660_MAX_FILE);
    tu_fake_source(FS_ISO9660_MAX_FILE, 0, -1, &src);
    CHECK_EQ_INT(tu_add_file(t, "\\two_gib", &src), 0);
    tu_fake_source(FS_ISO9660_MAX_FILE + 1, 0, -1, &src);
    CHECK_EQ_INT(tu_add_file(t, "\\too_big", &src), IMAPI_E_DATA_TOO_BIG);
    fs_tree_set_max_file_size(t, 0);
    tu_fake_source(FS_ISO9660_MAX_FILE + 1, 0, -1, &src);
    CHECK_EQ_INT(tu_add_file(t, "\\too_big", &src), 0);
    o.max_blocks = 0;
    CHECK_EQ_INT(fs_layout_build(t, &o, &L), IMAPI_E_DATA_TOO_BIG);
    CHECK_EQ_INT(tu_lookup(t, "\\too_big", &it), 0);
    CHECK_EQ_INT(fs_item_remove(t, it, 0), 0);

    /* Raised limit: one extent holds up to 4 GiB - 1; 4 GiB would need multi-extent. */
    o.max_file_size = 0xffffffffULL;
    tu_fake_source(0xffffffffULL, 0, -1, &src);
    CHECK_EQ_INT(tu_add_file(t, "\\almost_4g", &src), 0);
    CHECK_EQ_INT(fs_layout_build(t, &o, &L), 0);
    fs_layout_release(L);
    o.max_file_size = 1ULL << 40;
    tu_fake_source(1ULL << 32, 0, -1, &src);
    CHECK_EQ_INT(tu_add_file(t, "\\four_g", &src), 0);
    CHECK_EQ_INT(fs_layout_build(t, &o, &L), IMAPI_E_DATA_TOO_BIG);
    CHECK_EQ_INT(tu_lookup(t, "\\four_g", &it), 0);
    CHECK_EQ_INT(fs_item_remove(t, it, 0), 0);
    CHECK_EQ_INT(tu_lookup(t, "\\almost_4g", &it), 0);
    CHECK_EQ_INT(fs_item_remove(t, it, 0), 0);
    o.max_file_size = 0;                                      /* default: 2 GiB */

    /* Image size limit in blocks (FreeMediaBlocks); 0 = unlimited. */
    o.max_blocks = 332800;
    CHECK_EQ_INT(fs_layout_build(t, &o, &L), IMAPI_E_IMAGE_SIZE_LIMIT);   /* 2 GiB > 650 MB */
    o.max_blocks = 0;
    CHECK_EQ_INT(fs_layout_build(t, &o, &L), 0);
    CHECK(fs_layout_total_blocks(L) > 1048576);
    fs_layout_release(L);

    /* The written file systems: all three asked for. */
    o.file_systems = FS_FS_ISO9660 | FS_FS_JOLIET | FS_FS_UDF;
    CHECK_EQ_INT(fs_layout_build(t, &o, &L), 0);
    CHECK_EQ_INT(fs_layout_file_systems(L), FS_FS_ISO9660 | FS_FS_JOLIET | FS_FS_UDF);
    fs_layout_release(L);

    /* FreeMediaBlocks at Add time: file data beyond the limit is refused. */
    fs_tree_set_max_blocks(t, fs_tree_data_blocks(t) + 10);   /* room for 10 more blocks */
    tu_fake_source(10 * 2048, 0, -1, &src);
    CHECK_EQ_INT(tu_add_file(t, "\\ten_blocks", &src), 0);
    tu_fake_source(1, 0, -1, &src);
    CHECK_EQ_INT(tu_add_file(t, "\\one_more_byte", &src), IMAPI_E_IMAGE_SIZE_LIMIT);
    CHECK_EQ_INT(tu_add_file(t, "\\empty_is_fine", &(fs_data_source){ 0 }), 0);
    fs_tree_set_max_blocks(t, 0);

    /* Neither ISO9660 nor UDF requested: nothing to write (Joliet rides on ISO9660). */
    o.file_systems = FS_FS_JOLIET;
    CHECK_EQ_INT(fs_layout_build(t, &o, &L), IMAPI_E_NO_OUTPUT);
    o.file_systems = FS_FS_ISO9660;
    o.iso_level = 3;
    CHECK_EQ_INT(fs_layout_build(t, &o, &L), IMAPI_E_INVALID_PARAM);
    fs_tree_free(t);

    /* 65535 directories fit the 16-bit path-table parent numbers; one more does not. */
    t = fs_tree_new();
    fs_layout_options_default(&o);
    for (i = 0; i < 65534; i++)
    {
        char name[32];
        snprintf(name, sizeof(name), "\\d%05d", i);
        if (tu_add_dir(t, name, NULL)) { CHECK(0); break; }
    }
    CHECK_EQ_INT(fs_layout_build(t, &o, &L), 0);
    fs_layout_release(L);
    fs_tree_set_max_dirs(t, FS_ISO9660_MAX_DIRS);            /* the tree refuses it up front */
    CHECK_EQ_INT(tu_add_dir(t, "\\one_more", NULL), IMAPI_E_TOO_MANY_DIRS);
    CHECK_EQ_INT(tu_add_file(t, "\\a_file", &(fs_data_source){ 0 }), 0);
    fs_tree_set_max_dirs(t, 0);
    CHECK_EQ_INT(tu_add_dir(t, "\\one_more", NULL), 0);
    CHECK_EQ_INT(fs_layout_build(t, &o, &L), IMAPI_E_TOO_MANY_DIRS);
    fs_tree_free(t);
}

/* Random add / remove / rollback / lock-in sequences against a model: a bit per
 * possible path, and the model's state saved at every change point. */
static void test_change_point_model(void)
{
    static const struct { const char *path; int parent; int is_dir; } U_[] = {
        { "\\dA", -1, 1 }, { "\\dB", -1, 1 }, { "\\dA\\dC", 0, 1 }, { "\\dA\\dC\\dD", 2, 1 },
        { "\\fX", -1, 0 }, { "\\dA\\fY", 0, 0 }, { "\\dA\\dC\\fZ", 2, 0 }, { "\\dB\\fW", 1, 0 },
        { "\\dA\\dC\\dD\\fV", 3, 0 }, { "\\dB\\fU", 1, 0 } };
    enum { NU = sizeof(U_) / sizeof(U_[0]) };
    static uint32_t saved[4096];
    fs_tree *t = fs_tree_new();
    uint32_t mask = 0, r = 77;
    int32_t locked = 0;
    int step, bad = 0;
    saved[0] = 0;
    for (step = 0; step < 3000 && !bad; step++)
    {
        int32_t cp = fs_tree_change_point(t), hr;
        unsigned u, k, op;
        r = r * 1103515245u + 12345u; op = (r >> 16) % 10;
        r = r * 1103515245u + 12345u; u = (r >> 16) % NU;
        if (cp >= 4000) break;
        if (op < 5)
        {
            int parent_ok = U_[u].parent < 0 || (mask >> U_[u].parent & 1);
            if (U_[u].is_dir) hr = tu_add_dir(t, U_[u].path, NULL);
            else { fs_data_source src; tu_fake_source(3000, 3000, -1, &src); hr = tu_add_file(t, U_[u].path, &src); }
            if (mask >> u & 1) { if (hr != IMAPI_E_DUP_NAME) bad++; }
            else if (!parent_ok) { if (hr != IMAPI_E_DIR_NOT_FOUND) bad++; }
            else if (hr) bad++;
            else { mask |= 1u << u; saved[cp + 1] = mask; }
        }
        else if (op < 8)
        {
            fs_item *it;
            hr = tu_lookup(t, U_[u].path, &it);
            if (!(mask >> u & 1)) continue;
            if (hr || fs_item_remove(t, it, 1)) { bad++; continue; }
            /* the item and everything below it */
            mask &= ~(1u << u);
            for (k = 0; k < NU; k++)
            {
                int p = U_[k].parent;
                while (p >= 0 && p != (int)u) p = U_[p].parent;
                if (p == (int)u) mask &= ~(1u << k);
            }
            saved[cp + 1] = mask;
        }
        else if (op < 9)
        {
            int32_t to;
            r = r * 1103515245u + 12345u;
            to = locked + (int32_t)((r >> 16) % (unsigned)(cp - locked + 1));
            if (fs_tree_rollback(t, to)) bad++;
            mask = saved[to];
            if (locked > 0 && fs_tree_rollback(t, locked - 1) != IMAPI_E_INVALID_PARAM) bad++;
        }
        else
        {
            fs_tree_lock_in(t);
            locked = cp;
        }
        /* The tree answers like the model. */
        {
            uint32_t files = 0, dirs = 0;
            for (k = 0; k < NU; k++)
            {
                fs_item *it;
                int present = tu_lookup(t, U_[k].path, &it) == 0;
                if (present != (int)(mask >> k & 1)) bad++;
                if (mask >> k & 1) { if (U_[k].is_dir) dirs++; else files++; }
            }
            if (fs_tree_file_count(t) != files || fs_tree_dir_count(t) != dirs) bad++;
            if (fs_tree_data_blocks(t) != files * 2) bad++;
        }
        if (bad) fprintf(stderr, "model mismatch at step %d (op %u on %s)\n", step, op, U_[u].path);
    }
    CHECK_EQ_INT(bad, 0);
    CHECK(step > 1000);
    fs_tree_free(t);
}

int main(void)
{
    test_names();
    test_conform();
    test_dates();
    test_volume_names();
    test_mangle();
    test_mass_clash();
    test_order();
    test_tree();
    test_change_point_model();
    test_limits();
    return check_finish("test_fs_units");
}
