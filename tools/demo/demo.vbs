' The IMAPI2 demo: what a Windows script does first with IMAPI2. It creates
' the file-system image object and the disc master by their ProgIDs, as
' burning tools and ISO builders do, and prints a property of each.
' Exit code 0 when everything worked, 1 otherwise.
Option Explicit

Dim failed
failed = 0

Sub report_error(what)
    WScript.Echo "FAILED: " & what & ": error 0x" & Hex(Err.Number) & _
        IIf(Err.Description <> "", " (" & Err.Description & ")", "")
    failed = 1
    Err.Clear
End Sub

Function IIf(cond, a, b)
    If cond Then IIf = a Else IIf = b
End Function

' Returns the object, or Nothing after saying why it could not be created.
Function create(progid)
    Set create = Nothing
    On Error Resume Next
    Set create = CreateObject(progid)
    If Err.Number <> 0 Then
        report_error "CreateObject(""" & progid & """)"
        If Err.Number = 0 Then WScript.Echo "        (is the DLL installed and registered with regsvr32?)"
        Set create = Nothing
    End If
End Function

Dim fsi, dm, value, id, rec, p, profiles

Set fsi = create("IMAPI2FS.MsftFileSystemImage")
If Not fsi Is Nothing Then
    On Error Resume Next
    value = fsi.FileSystemsToCreate
    If Err.Number <> 0 Then
        report_error "MsftFileSystemImage.FileSystemsToCreate"
    Else
        WScript.Echo "IMAPI2FS.MsftFileSystemImage: created; FileSystemsToCreate = " & value & _
            " (1 = ISO 9660, 2 = Joliet, 4 = UDF)"
    End If
    On Error GoTo 0
End If

Set dm = create("IMAPI2.MsftDiscMaster2")
If Not dm Is Nothing Then
    On Error Resume Next
    value = dm.Count
    If Err.Number <> 0 Then
        report_error "MsftDiscMaster2.Count"
    Else
        WScript.Echo "IMAPI2.MsftDiscMaster2: created; Count = " & value & " optical drive(s) found"
    End If
    value = dm.IsSupportedEnvironment
    If Err.Number <> 0 Then
        report_error "MsftDiscMaster2.IsSupportedEnvironment"
    Else
        WScript.Echo "IMAPI2.MsftDiscMaster2: IsSupportedEnvironment = " & value
    End If

    For Each id In dm
        Set rec = CreateObject("IMAPI2.MsftDiscRecorder2")
        rec.InitializeDiscRecorder id
        If Err.Number <> 0 Then
            report_error "InitializeDiscRecorder(" & id & ")"
        Else
            profiles = ""
            For Each p In rec.CurrentProfiles
                profiles = profiles & " 0x" & Hex(p)
            Next
            WScript.Echo "  recorder " & rec.VendorId & " " & rec.ProductId & " " & rec.ProductRevision & _
                ": current profiles" & profiles
            WScript.Echo "    id " & id
        End If
        Err.Clear
    Next
    On Error GoTo 0
End If

If failed Then
    WScript.Echo "demo: FAILED (see above)"
Else
    WScript.Echo "demo: ok"
End If
WScript.Quit failed
