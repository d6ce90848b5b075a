using System.Text;

namespace LocalSpec.Reporting;

/// <summary>A small RFC 4180 reader: comma-separated fields, double quotes around fields with commas, "" for a quote.</summary>
internal static class CsvText
{
    /// <summary>The records of <paramref name="text"/>, header included; blank lines are skipped.</summary>
    public static List<string[]> Parse(string text, string source)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false, fieldStarted = false;
        int line = 1;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    fieldStarted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    EndRecord();
                    line++;
                    break;
                default:
                    field.Append(c);
                    fieldStarted = true;
                    break;
            }
        }
        if (quoted) throw new FormatException($"{source}({line}): a quoted field is not closed");
        EndRecord();
        return records;

        void EndRecord()
        {
            if (fieldStarted || field.Length > 0) fields.Add(field.ToString());
            if (fields.Count > 0) records.Add([.. fields]);
            fields.Clear();
            field.Clear();
            fieldStarted = false;
        }
    }
}
