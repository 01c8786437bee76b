/* fsmkiso [-l 1|2] [-n] [-V volume] [-s session_start] [-t unix_time] srcdir out.iso
 * Builds an image with core/fs from a directory tree (-n: ISO9660 only, no Joliet). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "fs_test_util.h"
#include "fs/fs_name.h"

int main(int argc, char **argv)
{
    fs_layout_options o;
    fs_tree *t = fs_tree_new();
    fs_layout *L;
    uint16_t vol[64];
    int i;
    int32_t hr;
    clock_t c0;
    fs_layout_options_default(&o);
    o.max_blocks = 0;
    for (i = 1; i + 2 < argc; i++)
    {
        if (!strcmp(argv[i], "-l") && i + 1 < argc) o.iso_level = atoi(argv[++i]);
        else if (!strcmp(argv[i], "-n")) o.file_systems = FS_FS_ISO9660;
        else if (!strcmp(argv[i], "-V") && i + 1 < argc)
        {
            o.volume_name_len = fs_utf8_to_u16(argv[++i], vol, 64);
            o.volume_name = vol;
        }
        else if (!strcmp(argv[i], "-s") && i + 1 < argc) o.session_start = (uint32_t)strtoul(argv[++i], NULL, 0);
        else if (!strcmp(argv[i], "-t") && i + 1 < argc) o.creation_time = fs_time_from_unix(strtoll(argv[++i], NULL, 0));
        else break;
    }
    if (argc - i != 2) { fprintf(stderr, "usage: fsmkiso [-l 1|2] [-n] [-V vol] [-s start] [-t time] srcdir out.iso\n"); return 2; }
    if ((hr = tu_add_disk_tree(t, fs_tree_root(t), argv[i]))) { fprintf(stderr, "add: 0x%08x\n", (unsigned)hr); return 1; }
    c0 = clock();
    if ((hr = fs_layout_build(t, &o, &L))) { fprintf(stderr, "layout: 0x%08x\n", (unsigned)hr); return 1; }
    fprintf(stderr, "layout: %u blocks, %.3f s CPU\n", (unsigned)fs_layout_total_blocks(L), (double)(clock() - c0) / CLOCKS_PER_SEC);
    fs_tree_free(t);
    hr = tu_write_image(L, argv[i + 1]);
    fs_layout_release(L);
    if (hr) { fprintf(stderr, "write: 0x%08x\n", (unsigned)hr); return 1; }
    return 0;
}
