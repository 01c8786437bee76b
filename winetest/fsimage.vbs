' IMAPI2FS's MsftFileSystemImage used the way scripts use it: late binding
' through IDispatch, a folder tree made with Scripting.FileSystemObject added
' with Root.AddTree, enumeration with For Each, errors through Err.Number, and
' the result image's counts. (The image bytes are judged by winetest/fsimage.c
' and tests/fscom/verify_images.sh; a script has no portable IStream writer.)
Option Explicit

Const TestName = "fsimage.vbs"
Const FsiFileSystemISO9660 = 1, FsiFileSystemJoliet = 2, FsiFileSystemUDF = 4
Const FsiItemNotFound = 0, FsiItemDirectory = 1, FsiItemFile = 2
Const IMAPI_E_INVALID_VOLUME_NAME = &HC0AAB104
Const IMAPI_E_DUP_NAME = &HC0AAB112
Const IMAPI_E_ITEM_NOT_FOUND = &HC0AAB118
Const IMAPI_E_INVALID_PARAM = &HC0AAB101
Const IMAPI_E_ISO9660_LEVELS = &HC0AAB131
Const IMAPI_E_IMAGE_SIZE_LIMIT = &HC0AAB120
Const E_NOTIMPL = &H80004001
Const IMAPI_E_BOOT_IMAGE_DATA = &HC0AAB148
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

Sub test_defaults()
    Dim fsi, rev, found, lvl
    Set fsi = CreateObject("IMAPI2FS.MsftFileSystemImage")
    ok fsi.FreeMediaBlocks = 332800, "FreeMediaBlocks " & fsi.FreeMediaBlocks
    ok fsi.FileSystemsToCreate = (FsiFileSystemISO9660 Or FsiFileSystemJoliet), _
        "FileSystemsToCreate " & fsi.FileSystemsToCreate
    ok fsi.FileCount = 0, "FileCount " & fsi.FileCount
    ok fsi.DirectoryCount = 0, "DirectoryCount " & fsi.DirectoryCount
    ok fsi.ChangePoint = 0, "ChangePoint " & fsi.ChangePoint
    ok fsi.SessionStartBlock = 0, "SessionStartBlock " & fsi.SessionStartBlock
    ok fsi.Root.FullPath = "\", "Root.FullPath " & fsi.Root.FullPath
    ok fsi.Root.Count = 0, "Root.Count " & fsi.Root.Count
    ok Not fsi.StrictFileSystemCompliance, "StrictFileSystemCompliance"
    ok fsi.WorkingDirectory <> "", "WorkingDirectory empty"
    found = False
    For Each rev In fsi.UDFRevisionsSupported
        If rev = &H102 Then found = True
    Next
    ok found, "UDFRevisionsSupported lacks 1.02"
    ' VT_UI4 elements (spec 3.1): VBScript cannot compute with those, count them only
    lvl = fsi.ISO9660InterchangeLevelsSupported
    found = UBound(lvl) - LBound(lvl) + 1
    ok found = 2, "interchange levels: " & found
End Sub

Sub test_properties()
    Dim fsi, num
    Set fsi = CreateObject("IMAPI2FS.MsftFileSystemImage")
    fsi.VolumeName = "SCRIPTED"
    ok fsi.VolumeName = "SCRIPTED", "VolumeName " & fsi.VolumeName
    ok fsi.VolumeNameJoliet = "SCRIPTED", "VolumeNameJoliet " & fsi.VolumeNameJoliet
    ok fsi.VolumeNameISO9660 = "SCRIPTED", "VolumeNameISO9660 " & fsi.VolumeNameISO9660
    On Error Resume Next
    fsi.VolumeName = "SIXTEEN_CHARS_XX"
    num = Err.Number
    On Error GoTo 0
    ok num = IMAPI_E_INVALID_VOLUME_NAME, "16-character VolumeName: " & Hex8(num)
    ok fsi.VolumeName = "SCRIPTED", "VolumeName changed to " & fsi.VolumeName

    fsi.FreeMediaBlocks = 0
    ok fsi.FreeMediaBlocks = 0, "FreeMediaBlocks 0 (unlimited)"
    On Error Resume Next
    fsi.FileSystemsToCreate = FsiFileSystemJoliet
    num = Err.Number
    On Error GoTo 0
    ok num = IMAPI_E_INVALID_PARAM, "Joliet without ISO9660: " & Hex8(num)
    fsi.ChooseImageDefaultsForMediaType 2   ' IMAPI_MEDIA_TYPE_CDR
    num = fsi.FileSystemsToCreate And FsiFileSystemISO9660
    ok num <> 0, "CD-R defaults " & fsi.FileSystemsToCreate
    On Error Resume Next
    fsi.ChooseImageDefaultsForMediaType 0
    num = Err.Number
    On Error GoTo 0
    ok num = IMAPI_E_INVALID_PARAM, "ChooseImageDefaultsForMediaType(UNKNOWN): " & Hex8(num)
End Sub

Sub make_tree(fso, base)
    Dim f
    If fso.FolderExists(base) Then fso.DeleteFolder base, True
    fso.CreateFolder base
    fso.CreateFolder base & "\docs"
    fso.CreateFolder base & "\docs\old"
    Set f = fso.CreateTextFile(base & "\a.txt", True) : f.Write "first file" : f.Close
    Set f = fso.CreateTextFile(base & "\docs\b.txt", True) : f.Write String(5000, "b") : f.Close
    Set f = fso.CreateTextFile(base & "\docs\old\c.txt", True) : f.Write "c" : f.Close
End Sub

Sub test_tree()
    Dim sh, fso, tmp, base, fsi, item, names, result, pi, n, num, dirs, blocks
    Set sh = CreateObject("WScript.Shell")
    tmp = sh.Environment("PROCESS")("IMAPI_TEST_TMP_WIN")
    If tmp = "" Then
        skip "IMAPI_TEST_TMP_WIN is not set (not started by run-wine.sh)"
        Exit Sub
    End If
    Set fso = CreateObject("Scripting.FileSystemObject")
    base = tmp & "\vbs-tree"
    make_tree fso, base

    Set fsi = CreateObject("IMAPI2FS.MsftFileSystemImage")
    fsi.VolumeName = "VBSTREE"
    fsi.Root.AddTree base, False
    ok fsi.FileCount = 3, "FileCount " & fsi.FileCount
    ok fsi.DirectoryCount = 2, "DirectoryCount " & fsi.DirectoryCount
    ok fsi.Root.Count = 2, "Root.Count " & fsi.Root.Count
    ok fsi.Exists("\a.txt") = FsiItemFile, "Exists(\a.txt) " & fsi.Exists("\a.txt")
    ok fsi.Exists("\docs\old") = FsiItemDirectory, "Exists(\docs\old) " & fsi.Exists("\docs\old")
    ok fsi.Exists("\nothing") = FsiItemNotFound, "Exists(\nothing) " & fsi.Exists("\nothing")

    Set item = fsi.Root.Item("docs\b.txt")
    ok item.Name = "b.txt", "Name " & item.Name
    ok item.FullPath = "\docs\b.txt", "FullPath " & item.FullPath
    ok item.DataSize32BitLow = 5000, "DataSize32BitLow " & item.DataSize32BitLow
    ok item.DataSize32BitHigh = 0, "DataSize32BitHigh " & item.DataSize32BitHigh
    ok item.FileSystemName(FsiFileSystemISO9660) = "B.TXT", "ISO9660 name " & item.FileSystemName(FsiFileSystemISO9660)

    ' For Each over a directory gives item objects (spec docbug 10)
    names = ""
    For Each item In fsi.Root
        names = names & item.Name & ";"
    Next
    ok names = "a.txt;docs;", "For Each names " & names

    On Error Resume Next
    fsi.Root.AddDirectory "docs"
    num = Err.Number
    On Error GoTo 0
    ok num = IMAPI_E_DUP_NAME, "duplicate AddDirectory: " & Hex8(num)
    On Error Resume Next
    Set item = fsi.Root.Item("missing.txt")
    num = Err.Number
    On Error GoTo 0
    ok num = IMAPI_E_ITEM_NOT_FOUND, "Item(missing): " & Hex8(num)

    ' depth: the root is level 1, ISO9660 allows 8
    fsi.Root.AddDirectory "l2\"
    fsi.Root.AddDirectory "l2\l3"
    fsi.Root.AddDirectory "l2\l3\l4"
    fsi.Root.AddDirectory "l2\l3\l4\l5"
    fsi.Root.AddDirectory "l2\l3\l4\l5\l6"
    fsi.Root.AddDirectory "l2\l3\l4\l5\l6\l7"
    fsi.Root.AddDirectory "l2\l3\l4\l5\l6\l7\l8"
    On Error Resume Next
    fsi.Root.AddDirectory "l2\l3\l4\l5\l6\l7\l8\l9"
    num = Err.Number
    On Error GoTo 0
    ok num = IMAPI_E_ISO9660_LEVELS, "ninth level: " & Hex8(num)
    fsi.Root.RemoveTree "l2"
    ok fsi.Exists("\l2") = FsiItemNotFound, "RemoveTree left l2"

    blocks = fsi.UsedBlocks
    Set result = fsi.CreateResultImage()
    ok result.BlockSize = 2048, "BlockSize " & result.BlockSize
    ok result.TotalBlocks > 16, "TotalBlocks " & result.TotalBlocks
    ok result.TotalBlocks = blocks, "TotalBlocks " & result.TotalBlocks & ", UsedBlocks " & blocks
    ok result.DiscId <> "", "DiscId empty"
    n = 0
    names = ""
    For Each pi In result.ProgressItems
        n = n + 1
        names = names & pi.Description & ";"
        ' ULONG (VT_UI4) properties: VBScript computes with them after CLng
        ok CLng(pi.LastBlock) - CLng(pi.FirstBlock) + 1 = CLng(pi.BlockCount), pi.Description & ": blocks " & _
            CLng(pi.FirstBlock) & ".." & CLng(pi.LastBlock) & " count " & CLng(pi.BlockCount)
        ok CLng(pi.LastBlock) < result.TotalBlocks, pi.Description & " ends at " & CLng(pi.LastBlock)
    Next
    ok n = 3, "ProgressItems " & n & ": " & names
    ok result.ProgressItems.Count = 3, "ProgressItems.Count " & result.ProgressItems.Count
    Set pi = result.ProgressItems.ProgressItemFromDescription("\docs\b.txt")
    ok CLng(pi.BlockCount) = 3, "b.txt blocks " & CLng(pi.BlockCount)
    ok Not (result.ImageStream Is Nothing), "ImageStream is Nothing"

    ' a second AddTree with the base directory
    Set fsi = CreateObject("IMAPI2FS.MsftFileSystemImage")
    fsi.Root.AddTree base, True
    ok fsi.Root.Count = 1, "Root.Count with the base directory " & fsi.Root.Count
    ok fsi.Exists("\vbs-tree\docs\old\c.txt") = FsiItemFile, "base directory missing"
    fsi.RollbackToChangePoint 0
    ok fsi.FileCount = 0, "FileCount after rollback " & fsi.FileCount
    fso.DeleteFolder base, True
End Sub

' Issue 16 as a script sees it: a refused AddTree names the file in Err.Description;
' UDF asked for is written; an image that would lack a boot image asked for is not made
' (the script must not report success); a volume name with characters no disc can hold
' is refused.
Sub test_script_errors()
    Dim sh, fso, tmp, base, fsi, boot, num, desc, result, f
    Set sh = CreateObject("WScript.Shell")
    tmp = sh.Environment("PROCESS")("IMAPI_TEST_TMP_WIN")
    If tmp = "" Then
        skip "IMAPI_TEST_TMP_WIN is not set (not started by run-wine.sh)"
        Exit Sub
    End If
    Set fso = CreateObject("Scripting.FileSystemObject")
    base = tmp & "\vbs-limit"
    If fso.FolderExists(base) Then fso.DeleteFolder base, True
    fso.CreateFolder base
    Set f = fso.CreateTextFile(base & "\plain.txt", True) : f.Write "plain" : f.Close
    Set f = fso.CreateTextFile(base & "\big.txt", True) : f.Write String(400000, "x") : f.Close

    ' the file that does not fit FreeMediaBlocks is named
    Set fsi = CreateObject("IMAPI2FS.MsftFileSystemImage")
    fsi.FreeMediaBlocks = 100
    On Error Resume Next
    fsi.Root.AddTree base, False
    num = Err.Number : desc = Err.Description
    On Error GoTo 0
    ok num = IMAPI_E_IMAGE_SIZE_LIMIT, "AddTree past FreeMediaBlocks: " & Hex8(num)
    ok InStr(desc, "big.txt") > 0, "Err.Description does not name the file: [" & desc & "]"
    ok fsi.FileCount = 0, "the refused AddTree left " & fsi.FileCount & " files"

    Set fsi = CreateObject("IMAPI2FS.MsftFileSystemImage")
    fsi.Root.AddTree base, False
    fsi.FileSystemsToCreate = FsiFileSystemISO9660 Or FsiFileSystemJoliet Or FsiFileSystemUDF
    fsi.UDFRevision = &H250
    On Error Resume Next
    Set result = fsi.CreateResultImage()
    num = Err.Number
    On Error GoTo 0
    ok num = 0, "CreateResultImage with UDF 2.50: " & Hex8(num)
    If num = 0 Then ok result.TotalBlocks > 257, "UDF image: TotalBlocks " & result.TotalBlocks
    Set result = Nothing

    fsi.FileSystemsToCreate = FsiFileSystemISO9660 Or FsiFileSystemJoliet
    ' a boot object without a boot image cannot be added (boot_image.vbs writes one)
    Set boot = CreateObject("IMAPI2FS.BootOptions")
    On Error Resume Next
    fsi.BootImageOptions = boot
    num = Err.Number
    On Error GoTo 0
    ok num = IMAPI_E_BOOT_IMAGE_DATA, "BootImageOptions without a boot image: " & Hex8(num)
    fsi.BootImageOptions = Nothing
    Set result = fsi.CreateResultImage()
    ok result.TotalBlocks > 16, "without them: TotalBlocks " & result.TotalBlocks

    On Error Resume Next
    fsi.VolumeName = "A*B?C:D|"
    num = Err.Number
    On Error GoTo 0
    ok num = IMAPI_E_INVALID_VOLUME_NAME, "VolumeName A*B?C:D|: " & Hex8(num)
    fso.DeleteFolder base, True
End Sub

test_defaults
test_properties
test_tree
test_script_errors
finish
