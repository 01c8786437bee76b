/* The ABI test: our generated headers and embedded type libraries against the ABI
 * reference, read at test time. Every GUID, vtable slot (offset in the C vtable and
 * oVft in the type library), vtable size, DISPID, property kind, enum value, constant
 * and HRESULT. It also mutates the reference in memory (one GUID digit, two swapped
 * slots) and checks that the same comparison then reports exactly those mismatches,
 * so a silent checker cannot pass. */
#include "test.h"
#include "abi_probe.h"
#include "../abi_tsv.h"

static const struct abi_probe_guid *find_guid(const char *name)
{
    const struct abi_probe_guid *g;
    for (g = abi_probe_guids; g->name; g++) if (!strcmp(g->name, name)) return g;
    return NULL;
}

static const struct abi_probe_slot *find_slot(const struct abi_probe_slot *table, const char *iface,
                                              const char *member)
{
    const struct abi_probe_slot *s;
    for (s = table; s->iface; s++)
        if (!strcmp(s->iface, iface) && !strcmp(s->member, member)) return s;
    return NULL;
}

static const struct abi_probe_value *find_value(const char *name)
{
    const struct abi_probe_value *v;
    for (v = abi_probe_values; v->name; v++) if (!strcmp(v->name, name)) return v;
    return NULL;
}

/* Compare the header side. report=0 only counts mismatches (for the mutation check). */
static unsigned check_headers(const struct abi_tsv *tsv, int report)
{
    unsigned i, bad = 0;

    for (i = 0; i < tsv->count; i++)
    {
        char *const *f = tsv->rows[i].f;
        const char *kind = f[COL_KIND];
        int good = 1;

        if (!strcmp(kind, "interface") || !strcmp(kind, "coclass") || !strcmp(kind, "library"))
        {
            const struct abi_probe_guid *g = find_guid(f[COL_NAME]);
            GUID want;
            good = g && abi_parse_guid(f[COL_GUID], &want) && IsEqualGUID(g->guid, &want);
            if (report) ok(good, "%s %s: GUID differs from %s\n", kind, f[COL_NAME], f[COL_GUID]);
            if (!strcmp(kind, "interface") && good)
            {
                const struct abi_probe_slot *s = find_slot(abi_probe_vtbl_sizes, f[COL_NAME], "");
                unsigned want_size = strtoul(f[COL_INDEX] + strlen("vtbl_size="), NULL, 10);
                good = s && s->index == want_size;
                if (report) ok(good, "%s: vtable has %u slots, expected %u\n", f[COL_NAME], s ? s->index : 0,
                               want_size);
            }
        }
        else if (!strcmp(kind, "method") && f[COL_INDEX][0] != '-')
        {
            const struct abi_probe_slot *s = find_slot(abi_probe_slots, f[COL_NAME], f[COL_VTBL_NAME]);
            unsigned want = strtoul(f[COL_INDEX], NULL, 10);
            good = s && s->index == want;
            if (report) ok(good, "%s::%s at slot %u, expected %u\n", f[COL_NAME], f[COL_VTBL_NAME],
                           s ? s->index : 0, want);
        }
        else if (!strcmp(kind, "enum_member") || !strcmp(kind, "hresult")
                 || (!strcmp(kind, "const") && strncmp(f[COL_VALUE], "LIBID", 5)))
        {
            const char *name = !strcmp(kind, "enum_member") ? f[COL_MEMBER] : f[COL_NAME];
            const struct abi_probe_value *v = find_value(name);
            LONGLONG want = abi_parse_value(f[COL_VALUE]);
            good = v && (ULONG)v->value == (ULONG)want;
            if (report) ok(good, "%s = %s, expected %s\n", name, v ? "(other)" : "(missing)", f[COL_VALUE]);
        }
        if (!good) bad++;
    }
    return bad;
}

static ITypeLib *load_typelib(const char *lib)
{
    WCHAR path[MAX_PATH];
    ITypeLib *tl = NULL;
    HRESULT hr;

    GetSystemDirectoryW(path, MAX_PATH);
    lstrcatW(path, !strcmp(lib, "imapi2") ? L"\\imapi2.dll" : L"\\imapi2fs.dll");
    hr = LoadTypeLibEx(path, REGKIND_NONE, &tl);
    ok(hr == S_OK, "LoadTypeLibEx(%s) returned %08lx\n", lib, hr);
    return tl;
}

static INVOKEKIND expected_invkind(const char *accessor)
{
    if (!strcmp(accessor, "propget")) return INVOKE_PROPERTYGET;
    if (!strcmp(accessor, "propput")) return INVOKE_PROPERTYPUT;
    if (!strcmp(accessor, "propputref")) return INVOKE_PROPERTYPUTREF;
    return INVOKE_FUNC;
}

/* The vtable view of an interface: for dual interfaces GetTypeInfoOfGuid gives the
 * dispinterface, whose vtable half is reached through href -1. */
static ITypeInfo *vtable_typeinfo(ITypeLib *tl, const GUID *iid)
{
    ITypeInfo *ti, *vt;
    TYPEATTR *attr;
    HREFTYPE href;

    if (FAILED(ITypeLib_GetTypeInfoOfGuid(tl, iid, &ti))) return NULL;
    if (FAILED(ITypeInfo_GetTypeAttr(ti, &attr))) { ITypeInfo_Release(ti); return NULL; }
    if (attr->typekind == TKIND_DISPATCH && (attr->wTypeFlags & TYPEFLAG_FDUAL)
        && SUCCEEDED(ITypeInfo_GetRefTypeOfImplType(ti, -1, &href))
        && SUCCEEDED(ITypeInfo_GetRefTypeInfo(ti, href, &vt)))
    {
        ITypeInfo_ReleaseTypeAttr(ti, attr);
        ITypeInfo_Release(ti);
        return vt;
    }
    ITypeInfo_ReleaseTypeAttr(ti, attr);
    return ti;
}

/* Find the member's FUNCDESC (by name and invoke kind) in the interface's own functions. */
static int find_func(ITypeInfo *ti, const char *member, INVOKEKIND kind, MEMBERID *id, unsigned *slot)
{
    TYPEATTR *attr;
    unsigned i;
    int found = 0;
    WCHAR wname[128];

    MultiByteToWideChar(CP_ACP, 0, member, -1, wname, ARRAYSIZE(wname));
    if (FAILED(ITypeInfo_GetTypeAttr(ti, &attr))) return 0;
    for (i = 0; i < attr->cFuncs && !found; i++)
    {
        FUNCDESC *fd;
        BSTR name;
        if (FAILED(ITypeInfo_GetFuncDesc(ti, i, &fd))) continue;
        if (SUCCEEDED(ITypeInfo_GetDocumentation(ti, fd->memid, &name, NULL, NULL, NULL)))
        {
            /* type library names are case-insensitive and shared by spelling */
            if (!lstrcmpiW(name, wname) && fd->invkind == kind)
            {
                *id = fd->memid;
                *slot = fd->oVft / sizeof(void *);
                found = 1;
            }
            SysFreeString(name);
        }
        ITypeInfo_ReleaseFuncDesc(ti, fd);
    }
    ITypeInfo_ReleaseTypeAttr(ti, attr);
    return found;
}

static void check_typelibs(const struct abi_tsv *tsv)
{
    ITypeLib *libs[2] = { load_typelib("imapi2"), load_typelib("imapi2fs") };
    unsigned i, checked = 0;

    if (!libs[0] || !libs[1]) return;
    for (i = 0; i < tsv->count; i++)
    {
        char *const *f = tsv->rows[i].f;
        const char *iface = f[COL_NAME];
        ITypeLib *tl = !strcmp(f[COL_LIB], "imapi2") ? libs[0] : libs[1];
        const struct abi_probe_guid *g;
        ITypeInfo *ti;
        MEMBERID id = 0;
        unsigned slot = 0;

        if (strcmp(f[COL_KIND], "method") || f[COL_INDEX][0] == '-') continue;
        /* A [local] member has no type library entry (its call_as twin is wire-only);
         * its vtable slot is checked against the C header above. */
        if (!strcmp(f[COL_NOTES], "local")) continue;
        if (!(g = find_guid(iface))) continue;  /* reported by check_headers */
        ti = vtable_typeinfo(tl, g->guid);
        ok(ti != NULL, "%s: no type info\n", iface);
        if (!ti) continue;
        if (!find_func(ti, f[COL_MEMBER], expected_invkind(f[COL_ACCESSOR]), &id, &slot))
            ok(0, "%s::%s (%s): not in the type library\n", iface, f[COL_MEMBER], f[COL_ACCESSOR]);
        else
        {
            ok(slot == strtoul(f[COL_INDEX], NULL, 10), "%s::%s: type library slot %u, expected %s\n", iface,
               f[COL_MEMBER], slot, f[COL_INDEX]);
            if (f[COL_DISPID][0])
                ok(id == strtol(f[COL_DISPID], NULL, 10), "%s::%s: DISPID %ld, expected %s\n", iface,
                   f[COL_MEMBER], id, f[COL_DISPID]);
            checked++;
        }
        ITypeInfo_Release(ti);
    }
    trace("%u members checked in the type libraries\n", checked);
    ITypeLib_Release(libs[0]);
    ITypeLib_Release(libs[1]);
}

/* Break the reference in memory and expect exactly those breaks to be found. */
static void check_mutations(struct abi_tsv *tsv)
{
    unsigned i, first = ~0u, second = ~0u, bad;
    char *guid = NULL, saved_digit;
    char *slot_a = NULL, *slot_b = NULL;

    for (i = 0; i < tsv->count && !guid; i++)
        if (!strcmp(tsv->rows[i].f[COL_KIND], "interface") && !strcmp(tsv->rows[i].f[COL_NAME], "IDiscRecorder2"))
            guid = tsv->rows[i].f[COL_GUID];
    ok(guid != NULL, "IDiscRecorder2 not in the reference\n");
    if (!guid) return;
    ok(check_headers(tsv, 0) == 0, "unmutated reference does not match\n");

    saved_digit = guid[35];
    guid[35] = guid[35] == 'E' ? 'F' : 'E';
    bad = check_headers(tsv, 0);
    ok(bad == 1, "one changed GUID digit gave %u mismatches\n", bad);
    guid[35] = saved_digit;

    for (i = 0; i < tsv->count; i++)
        if (!strcmp(tsv->rows[i].f[COL_KIND], "method") && !strcmp(tsv->rows[i].f[COL_NAME], "IFileSystemImage"))
        {
            if (first == ~0u) first = i;
            else { second = i; break; }
        }
    ok(second != ~0u, "IFileSystemImage members not found\n");
    if (second == ~0u) return;
    slot_a = tsv->rows[first].f[COL_INDEX];
    slot_b = tsv->rows[second].f[COL_INDEX];
    tsv->rows[first].f[COL_INDEX] = slot_b;
    tsv->rows[second].f[COL_INDEX] = slot_a;
    bad = check_headers(tsv, 0);
    ok(bad == 2, "two swapped slots gave %u mismatches\n", bad);
    tsv->rows[first].f[COL_INDEX] = slot_a;
    tsv->rows[second].f[COL_INDEX] = slot_b;
}

START_TEST(abi)
{
    struct abi_tsv tsv;
    char path[MAX_PATH];

    ok(abi_tsv_path(path, sizeof(path)), "no path to the ABI reference\n");
    ok(abi_tsv_load(&tsv, path), "cannot read the ABI reference at %s\n", path);
    if (!tsv.count) return;
    trace("%u reference rows from %s\n", tsv.count, path);

    check_headers(&tsv, 1);
    CoInitialize(NULL);
    check_typelibs(&tsv);
    CoUninitialize();
    check_mutations(&tsv);
    abi_tsv_free(&tsv);
}
