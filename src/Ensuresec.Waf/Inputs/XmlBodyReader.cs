using System.Xml;
using Ensuresec.Waf.Model;

namespace Ensuresec.Waf.Inputs;

/// <summary>XML bodies: element text and attribute names and values, never resolving entities or DTDs.</summary>
internal static class XmlBodyReader
{
    public static bool Read(string body, int maxDepth, InputCollector into)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            MaxCharactersInDocument = (long)body.Length + 16,
            IgnoreComments = false,
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(body), settings);
            string element = string.Empty;
            while (reader.Read() && !into.Full)
            {
                if (reader.Depth > maxDepth)
                {
                    into.Problem("ES-WAF-920-BODY-DEPTH", "XML body nested deeper than allowed", $"depth {reader.Depth}");
                    return false;
                }

                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        element = reader.LocalName;
                        for (bool more = reader.MoveToFirstAttribute(); more; more = reader.MoveToNextAttribute())
                        {
                            into.Add(new RequestInput(RequestPart.BodyName, element + "@" + reader.Name, reader.Name, false));
                            into.Add(new RequestInput(RequestPart.BodyValue, element + "@" + reader.Name, reader.Value, false));
                        }

                        reader.MoveToElement();
                        break;
                    case XmlNodeType.Text:
                    case XmlNodeType.CDATA:
                    case XmlNodeType.Comment:
                    case XmlNodeType.ProcessingInstruction:
                        into.Add(new RequestInput(RequestPart.BodyValue, element, reader.Value, false));
                        break;
                    case XmlNodeType.DocumentType:
                        into.Add(new RequestInput(RequestPart.Body, "!DOCTYPE", "<!DOCTYPE " + reader.Name + " " + reader.Value, false));
                        break;
                }
            }

            return true;
        }
        catch (XmlException e)
        {
            into.Problem("ES-WAF-920-BODY-XML", "request body is not well-formed XML", $"line {e.LineNumber}, position {e.LinePosition}: {e.Message}");
            return false;
        }
    }
}
