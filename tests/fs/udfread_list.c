/* An independent UDF reader for the tests, on Debian's libudfread (which understands
 * metadata partitions, UDF 2.50+): lists every directory and file of an image and reads
 * every file to its end.
 *
 *   udfread_list IMAGE
 *
 * Prints "V <volume id>", then per entry "D <path>" or "F <path> <size> <fnv1a64 hex>",
 * paths from the root with '/' (MUTF-8 names, as libudfread gives them). Exit 1 when
 * the image does not open or a file reads short. */
#define _FILE_OFFSET_BITS 64
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <udfread/udfread.h>

static int failures;

static void walk(udfread *udf, const char *path)
{
    UDFDIR *dir = udfread_opendir(udf, path[0] ? path : "/");
    struct udfread_dirent ent;
    static unsigned char buf[1 << 16];
    if (!dir)
    {
        fprintf(stderr, "cannot open directory '%s'\n", path);
        failures++;
        return;
    }
    while (udfread_readdir(dir, &ent))
    {
        char *child;
        size_t n;
        if (!strcmp(ent.d_name, ".") || !strcmp(ent.d_name, "..")) continue;
        n = strlen(path) + strlen(ent.d_name) + 2;
        child = malloc(n);
        snprintf(child, n, "%s/%s", path, ent.d_name);
        if (ent.d_type == UDF_DT_DIR)
        {
            printf("D %s\n", child);
            walk(udf, child);
        }
        else
        {
            UDFFILE *f = udfread_file_open(udf, child);
            uint64_t h = 0xcbf29ce484222325ULL, got = 0;
            int64_t size = f ? udfread_file_size(f) : -1;
            ssize_t r;
            if (!f || size < 0)
            {
                fprintf(stderr, "cannot open file '%s'\n", child);
                failures++;
                free(child);
                if (f) udfread_file_close(f);
                continue;
            }
            while ((r = udfread_file_read(f, buf, sizeof(buf))) > 0)
            {
                ssize_t i;
                for (i = 0; i < r; i++) h = (h ^ buf[i]) * 0x100000001b3ULL;
                got += (uint64_t)r;
            }
            if (r < 0 || got != (uint64_t)size)
            {
                fprintf(stderr, "'%s': read %" PRIu64 " of %" PRId64 " bytes\n", child, got, size);
                failures++;
            }
            printf("F %s %" PRId64 " %016" PRIx64 "\n", child, size, h);
            udfread_file_close(f);
        }
        free(child);
    }
    udfread_closedir(dir);
}

int main(int argc, char **argv)
{
    udfread *udf;
    if (argc != 2)
    {
        fprintf(stderr, "usage: udfread_list IMAGE\n");
        return 2;
    }
    udf = udfread_init();
    if (!udf || udfread_open(udf, argv[1]) < 0)
    {
        fprintf(stderr, "libudfread cannot open '%s'\n", argv[1]);
        if (udf) udfread_close(udf);
        return 1;
    }
    printf("V %s\n", udfread_get_volume_id(udf));
    walk(udf, "");
    udfread_close(udf);
    return failures ? 1 : 0;
}
