/* vdrive: the operator's hand on an emulated recorder directory - create it, put media
 * in, open and close the tray, inject faults, show the state, export the disc. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vdrive/vdrive.h"

static void usage(FILE *out)
{
    unsigned i;
    uint16_t profile;
    const char *name, *desc;
    fprintf(out,
        "usage: vdrive COMMAND DIR [ARGS]\n"
        "\n"
        "  create DIR [--vendor V] [--product P] [--revision R] [--serial S]\n"
        "             [--becoming-ready N] [--buffer-kb N] [--profiles m1,m2,...]\n"
        "                            make DIR an emulated recorder (tray closed, empty)\n"
        "  insert DIR MEDIA [--image FILE]\n"
        "                            load blank MEDIA (pressed ROM media need --image)\n"
        "  eject DIR [--force]       open the tray (--force ignores the prevent lock)\n"
        "  close-tray DIR            close the tray (the drive becomes ready again)\n"
        "  remove DIR                take the disc out of the drive\n"
        "  protect DIR on|off        write protection of the loaded disc\n"
        "  fault DIR add SPEC        inject a fault, SPEC like\n"
        "                              \"op=2a lba=1000-2000 sense=03/0c/09 once\" or \"op=00 timeout\"\n"
        "  fault DIR clear           remove every injected fault\n"
        "  show DIR                  print the drive and disc state\n"
        "  export-iso DIR FILE [--track N]\n"
        "                            write the data tracks of the last session (or track N)\n"
        "  export-cue DIR FILE.cue   write BIN/CUE of a CD (audio: one .bin, INDEX 00 gaps)\n"
        "  media                     list the media names\n"
        "\n"
        "Recorders for imapi2 are listed in IMAPI_VDRIVE_DIRS (directories separated by ';').\n"
        "\nmedia:\n");
    for (i = 0; vdrive_media_enum(i, &profile, &name, &desc); i++)
        fprintf(out, "  %-10s %s (profile 0x%04x)\n", name, desc, profile);
}

static int fail(const char *what, int hr)
{
    if (hr == VDRIVE_E_LOST)
        fprintf(stderr, "vdrive: %s failed: disc.img is missing or shorter than the recorded disc "
                "(sectors the drive state says were recorded are lost)\n", what);
    else
        fprintf(stderr, "vdrive: %s failed (error %d)\n", what, hr);
    return 1;
}

static const char *option(int argc, char **argv, const char *name)
{
    int i;
    for (i = 0; i + 1 < argc; i++) if (!strcmp(argv[i], name)) return argv[i + 1];
    return NULL;
}

static int has_flag(int argc, char **argv, const char *name)
{
    int i;
    for (i = 0; i < argc; i++) if (!strcmp(argv[i], name)) return 1;
    return 0;
}

static void copy_opt(char *dst, size_t size, const char *src)
{
    if (!src) return;
    strncpy(dst, src, size - 1);
    dst[size - 1] = 0;
}

static int cmd_create(const char *dir, int argc, char **argv)
{
    vdrive_config cfg;
    const char *v;
    int hr;

    vdrive_config_default(&cfg);
    copy_opt(cfg.vendor, sizeof(cfg.vendor), option(argc, argv, "--vendor"));
    copy_opt(cfg.product, sizeof(cfg.product), option(argc, argv, "--product"));
    copy_opt(cfg.revision, sizeof(cfg.revision), option(argc, argv, "--revision"));
    copy_opt(cfg.serial, sizeof(cfg.serial), option(argc, argv, "--serial"));
    if ((v = option(argc, argv, "--becoming-ready"))) cfg.becoming_ready = (unsigned)strtoul(v, NULL, 10);
    if ((v = option(argc, argv, "--buffer-kb"))) cfg.buffer_kb = (unsigned)strtoul(v, NULL, 10);
    if ((v = option(argc, argv, "--profiles")))
    {
        char list[512], *p = list, *comma;
        copy_opt(list, sizeof(list), v);
        cfg.nprofiles = 0;
        while (p && *p && cfg.nprofiles < VDRIVE_MAX_PROFILES)
        {
            if ((comma = strchr(p, ','))) *comma = 0;
            if (vdrive_media_from_name(p, &cfg.profiles[cfg.nprofiles]))
            { fprintf(stderr, "vdrive: unknown media '%s'\n", p); return 1; }
            cfg.nprofiles++;
            p = comma ? comma + 1 : NULL;
        }
    }
    if ((hr = vdrive_create(dir, &cfg))) return fail("create", hr);
    return 0;
}

int main(int argc, char **argv)
{
    const char *verb, *dir;
    vdrive *vd;
    int hr = 0;

    if (argc < 2 || has_flag(argc, argv, "--help") || has_flag(argc, argv, "-h"))
    {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    verb = argv[1];
    if (!strcmp(verb, "media")) { usage(stdout); return 0; }
    if (argc < 3) { usage(stderr); return 2; }
    dir = argv[2];
    if (!strcmp(verb, "create")) return cmd_create(dir, argc - 3, argv + 3);
    {
        char why[1400];
        if ((hr = vdrive_open_why(dir, &vd, why, sizeof(why))))
        {
            fprintf(stderr, "vdrive: cannot open the recorder: %s\n", why);
            return 1;
        }
    }

    if (!strcmp(verb, "insert") && argc >= 4)
    {
        uint16_t profile;
        const char *image = option(argc - 4, argv + 4, "--image");
        if (vdrive_media_from_name(argv[3], &profile)) { fprintf(stderr, "vdrive: unknown media '%s'\n", argv[3]); hr = 1; }
        else if (image) hr = vdrive_insert_rom(vd, profile, image);
        else hr = vdrive_insert_blank(vd, profile);
        if (hr > 0) {}
        else if (hr) hr = fail("insert (ROM media need --image; the drive must support the media)", hr);
    }
    else if (!strcmp(verb, "eject")) { if ((hr = vdrive_open_tray(vd, has_flag(argc, argv, "--force")))) hr = fail("eject (removal prevented? use --force)", hr); }
    else if (!strcmp(verb, "close-tray") || !strcmp(verb, "load")) { if ((hr = vdrive_close_tray(vd))) hr = fail("close-tray", hr); }
    else if (!strcmp(verb, "remove")) { if ((hr = vdrive_remove_media(vd))) hr = fail("remove", hr); }
    else if (!strcmp(verb, "protect") && argc >= 4)
    { if ((hr = vdrive_set_write_protect(vd, !strcmp(argv[3], "on")))) hr = fail("protect", hr); }
    else if (!strcmp(verb, "fault") && argc >= 4 && !strcmp(argv[3], "clear"))
    { if ((hr = vdrive_clear_faults(vd))) hr = fail("fault clear", hr); }
    else if (!strcmp(verb, "fault") && argc >= 5 && !strcmp(argv[3], "add"))
    {
        vdrive_fault f;
        if (vdrive_fault_parse(argv[4], &f)) { fprintf(stderr, "vdrive: bad fault '%s'\n", argv[4]); hr = 1; }
        else if ((hr = vdrive_add_fault(vd, &f))) hr = fail("fault add", hr);
    }
    else if (!strcmp(verb, "show"))
    {
        char *text;
        if ((hr = vdrive_describe(vd, &text))) hr = fail("show", hr);
        else { fputs(text, stdout); free(text); }
    }
    else if (!strcmp(verb, "export-iso") && argc >= 4)
    {
        const char *track = option(argc - 4, argv + 4, "--track");
        if ((hr = vdrive_export_iso(vd, track ? (unsigned)strtoul(track, NULL, 10) : 0, argv[3])))
            hr = fail(hr == VDRIVE_E_LOST ? "export-iso" : "export-iso (no recorded data track?)", hr);
    }
    else if (!strcmp(verb, "export-cue") && argc >= 4)
    { if ((hr = vdrive_export_bincue(vd, argv[3]))) hr = fail(hr == VDRIVE_E_LOST ? "export-cue" : "export-cue (a CD with recorded tracks is needed)", hr); }
    else { usage(stderr); hr = 2; }
    vdrive_close(vd);
    return hr;
}
