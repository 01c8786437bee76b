' The documented boot-image flow of a script: CreateObject("IMAPI2FS.BootOptions"),
' Manufacturer, PlatformId, Emulation, AssignBootImage with an IStream,
' FSI.BootImageOptions = bo, CreateResultImage. Wine 8's ADODB.Stream cannot open
' files, so the boot images are streams of our own objects: the ImageStream of
' another MsftFileSystemImage (one of exactly 1.44 MB for the floppy case).
' The image bytes themselves are judged by winetest/boot_options.c and
' tests/fscom/verify_images.sh (xorriso -report_el_torito, isoinfo -d).
' ImageSize is a ULONG (VT_UI4): Wine's VBScript compares it only through CLng.
Option Explicit

Const TestName = "boot_image.vbs"
Const PlatformX86 = 0, PlatformEFI = &HEF
Const EmulationNone = 0, Emulation12MFloppy = 1, Emulation144MFloppy = 2, EmulationHardDisk = 4
Const IMAPI_E_BOOT_EMULATION_IMAGE_SIZE_MISMATCH = &HC0AAB14A
Const IMAPI_E_BOOT_OBJECT_CONFLICT = &HC0AAB149
Const IMAPI_E_INVALID_PARAM = &HC0AAB101
Dim nTests, nFailures, nSkipped
nTests = 0 : nFailures = 0 : nSkipped = 0

Sub ok(cond, msg)
    nTests = nTests + 1
    If Not cond Then
        nFailures = nFailures + 1
        WScript.Echo TestName & ": Test failed: " & msg
    End If
End Sub

Sub skip(msg)
    nSkipped = nSkipped + 1
    WScript.Echo TestName & ": Tests skipped: " & msg
End Sub

Sub finish()
    WScript.Echo TestName & ": " & nTests & " tests executed (0 marked as todo, " & _
        nFailures & " failures), " & nSkipped & " skipped."
    If nFailures > 255 Then WScript.Quit 255
    WScript.Quit nFailures
End Sub

Function Hex8(n)
    Hex8 = "0x" & Right("00000000" & Hex(n), 8)
End Function

Dim sh, fso, tmp, base, f

' A folder with one file of n bytes.
Sub make_folder(path, n)
    If fso.FolderExists(path) Then fso.DeleteFolder path, True
    fso.CreateFolder path
    Set f = fso.CreateTextFile(path & "\data.bin", True)
    If n > 0 Then f.Write String(n, "b")
    f.Close
End Sub

' An image result of that folder: its ImageStream is our boot image.
Function image_of(path)
    Dim fsi
    Set fsi = CreateObject("IMAPI2FS.MsftFileSystemImage")
    fsi.VolumeName = "BOOTIMG"
    fsi.Root.AddTree path, False
    Set image_of = fsi.CreateResultImage()
End Function

Sub test_flow()
    Dim src, bo, fsi, result, used, num, im, blocks, mgr
    ' the boot image: a small image made by another MsftFileSystemImage
    make_folder base & "\src", 3000
    Set src = image_of(base & "\src")
    blocks = src.TotalBlocks

    Set bo = CreateObject("IMAPI2FS.BootOptions")
    bo.Manufacturer = "IMAPI2 VBScript"
    bo.PlatformId = PlatformX86
    bo.Emulation = EmulationNone
    bo.AssignBootImage src.ImageStream
    ok CLng(bo.ImageSize) = blocks * 2048, "ImageSize " & CLng(bo.ImageSize) & ", expected " & blocks * 2048
    ok bo.Emulation = EmulationNone, "Emulation " & bo.Emulation
    ok bo.Manufacturer = "IMAPI2 VBScript", "Manufacturer " & bo.Manufacturer
    ok bo.PlatformId = PlatformX86, "PlatformId " & bo.PlatformId
    ok Not (bo.BootImage Is Nothing), "BootImage is Nothing"

    Set fsi = CreateObject("IMAPI2FS.MsftFileSystemImage")
    fsi.VolumeName = "BOOTDISC"
    make_folder base & "\disc", 10
    fsi.Root.AddTree base & "\disc", False
    used = fsi.UsedBlocks
    fsi.BootImageOptions = bo
    ok Not (fsi.BootImageOptions Is Nothing), "BootImageOptions is Nothing"
    ok CLng(fsi.BootImageOptions.ImageSize) = blocks * 2048, "BootImageOptions.ImageSize " & CLng(fsi.BootImageOptions.ImageSize)
    ' the boot record descriptor, the catalog and the image
    ok fsi.UsedBlocks = used + 2 + blocks, "UsedBlocks " & fsi.UsedBlocks & ", expected " & (used + 2 + blocks)
    Set result = fsi.CreateResultImage()
    ok result.TotalBlocks = used + 2 + blocks, "TotalBlocks " & result.TotalBlocks
    Set mgr = CreateObject("IMAPI2FS.MsftIsoImageManager")
    mgr.SetStream result.ImageStream
    On Error Resume Next
    mgr.Validate
    num = Err.Number
    On Error GoTo 0
    ok num = 0, "Validate of the bootable image: " & Hex8(num)

    ' BIOS and EFI through BootImageOptionsArray (a script's Array of objects)
    Dim efi, arr
    Set efi = CreateObject("IMAPI2FS.BootOptions")
    efi.PlatformId = PlatformEFI
    efi.AssignBootImage src.ImageStream
    fsi.BootImageOptionsArray = Array(bo, efi)
    arr = fsi.BootImageOptionsArray
    ok UBound(arr) - LBound(arr) + 1 = 2, "BootImageOptionsArray entries " & (UBound(arr) - LBound(arr) + 1)
    ok arr(1).PlatformId = PlatformEFI, "second entry's platform " & arr(1).PlatformId
    ' the same catalog block holds both entries: one more image of blocks blocks
    Set result = fsi.CreateResultImage()
    ok result.TotalBlocks = used + 2 + 2 * blocks, "TotalBlocks with BIOS and EFI " & result.TotalBlocks

    ' not in a later session
    fsi.SessionStartBlock = 1000
    On Error Resume Next
    Set result = fsi.CreateResultImage()
    num = Err.Number
    On Error GoTo 0
    ok num = IMAPI_E_BOOT_OBJECT_CONFLICT, "CreateResultImage of a later session with boot images: " & Hex8(num)
    On Error Resume Next
    fsi.BootImageOptions = bo
    num = Err.Number
    On Error GoTo 0
    ok num = IMAPI_E_BOOT_OBJECT_CONFLICT, "BootImageOptions in a later session: " & Hex8(num)
End Sub

' An image of exactly 1.44 MB selects the 1.44 MB floppy emulation.
Sub test_floppy()
    Dim probe, meta, src, bo, fsi, result, num
    make_folder base & "\fd", 1
    Set probe = image_of(base & "\fd")
    meta = probe.TotalBlocks - 1
    make_folder base & "\fd", (720 - meta) * 2048
    Set src = image_of(base & "\fd")
    ok src.TotalBlocks = 720, "floppy-sized image of " & src.TotalBlocks & " blocks"
    Set bo = CreateObject("IMAPI2FS.BootOptions")
    bo.AssignBootImage src.ImageStream
    ok CLng(bo.ImageSize) = 1474560, "ImageSize " & CLng(bo.ImageSize)
    ok bo.Emulation = Emulation144MFloppy, "Emulation " & bo.Emulation & " of a 1.44 MB image"
    On Error Resume Next
    bo.Emulation = Emulation12MFloppy
    num = Err.Number
    On Error GoTo 0
    ok num = IMAPI_E_BOOT_EMULATION_IMAGE_SIZE_MISMATCH, "1.2 MB emulation of a 1.44 MB image: " & Hex8(num)
    On Error Resume Next
    bo.Manufacturer = "ABCDEFGHIJKLMNOPQRSTUVWXY"
    num = Err.Number
    On Error GoTo 0
    ok num = IMAPI_E_INVALID_PARAM, "25-byte Manufacturer: " & Hex8(num)
    Set fsi = CreateObject("IMAPI2FS.MsftFileSystemImage")
    fsi.Root.AddTree base & "\disc", False
    fsi.BootImageOptions = bo
    Set result = fsi.CreateResultImage()
    ok result.TotalBlocks > 720 + 2, "TotalBlocks with a diskette image " & result.TotalBlocks
    WScript.Echo TestName & ": bootable image with a 1.44 MB floppy entry, " & result.TotalBlocks & " blocks"
End Sub

Set sh = CreateObject("WScript.Shell")
tmp = sh.Environment("PROCESS")("IMAPI_TEST_TMP_WIN")
If tmp = "" Then
    skip "IMAPI_TEST_TMP_WIN is not set (not started by run-wine.sh)"
Else
    Set fso = CreateObject("Scripting.FileSystemObject")
    base = tmp & "\vbs-boot"
    If fso.FolderExists(base) Then fso.DeleteFolder base, True
    fso.CreateFolder base
    test_flow
    test_floppy
    fso.DeleteFolder base, True
End If
finish
