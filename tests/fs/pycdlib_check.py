"""Judge an image with pycdlib (an independent reader): walk the ISO9660 and the
Joliet trees, compare every Joliet file byte for byte with the source directory,
and check that both trees hold the same number of files and directories as it.
usage: pycdlib_check.py image srcdir [--no-joliet] [--count-only] [--udf]
(--count-only: names were mangled, so only count files and directories;
 --udf: also walk the UDF tree (pycdlib reads UDF 2.60) and compare every file byte
 for byte with the source, whatever --count-only says: UDF keeps the names)"""
import io
import os
import sys

import pycdlib


def count_src(src):
    files = dirs = 0
    for _root, dnames, fnames in os.walk(src):
        dirs += len(dnames)
        files += len(fnames)
    return files, dirs


def udf_check(iso, src, want_files, want_dirs):
    """The UDF tree, walked by hand: pycdlib's walk() decodes every name of a path with
    the encoding of the last entry it listed (8- and 16-bit CS0 names mixed go wrong)."""
    errors = 0
    files = dirs = 0
    todo = ['']
    while todo:
        path = todo.pop()
        for child in iso.list_children(udf_path=path or '/'):
            if child is None or child.is_dot() or child.is_dotdot():
                continue
            name = child.file_identifier().decode(child.file_ident.encoding)
            ipath = path + '/' + name
            if child.is_dir():
                dirs += 1
                todo.append(ipath)
                continue
            files += 1
            out = io.BytesIO()
            iso.get_file_from_iso_fp(out, udf_path=ipath)
            with open(os.path.join(src, ipath.lstrip('/')), 'rb') as f:
                if f.read() != out.getvalue():
                    print('content differs:', ipath)
                    errors += 1
    if (files, dirs) != (want_files, want_dirs):
        print('udf: %d files %d dirs, source has %d files %d dirs' % (files, dirs, want_files, want_dirs))
        errors += 1
    return errors


def main():
    image, src = sys.argv[1], sys.argv[2]
    joliet = '--no-joliet' not in sys.argv
    count_only = '--count-only' in sys.argv
    iso = pycdlib.PyCdlib()
    iso.open(image)
    want_files, want_dirs = count_src(src)
    errors = 0
    kinds = [('iso_path', False)] + ([('joliet_path', True)] if joliet else [])
    for kind, compare in kinds:
        files = dirs = 0
        for root, dnames, fnames in iso.walk(**{kind: '/'}):
            dirs += len(dnames)
            files += len(fnames)
            if not compare or (count_only and kind != 'udf_path'):
                continue
            for name in fnames:
                ipath = (root.rstrip('/') + '/' + name)
                disk = os.path.join(src, ipath.lstrip('/').split(';')[0])
                out = io.BytesIO()
                iso.get_file_from_iso_fp(out, **{kind: ipath})
                with open(disk, 'rb') as f:
                    if f.read() != out.getvalue():
                        print('content differs:', ipath)
                        errors += 1
        if (files, dirs) != (want_files, want_dirs):
            print('%s: %d files %d dirs, source has %d files %d dirs' % (kind, files, dirs, want_files, want_dirs))
            errors += 1
    if '--udf' in sys.argv:
        errors += udf_check(iso, src, want_files, want_dirs)
    iso.close()
    print('pycdlib: %d errors' % errors)
    sys.exit(1 if errors else 0)


main()
