using System.Security.Cryptography;
using System.Text;

namespace VolunteerOps.Notifications;

/// <summary>
/// A GUID that is a function of its parts (SHA-256, RFC 9562 version 8), so that doing the same thing
/// twice (a redelivered message, a second instance) yields the same document, which can exist only once.
/// </summary>
public static class DeterministicId
{
    public static Guid From(params object[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', parts)));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
