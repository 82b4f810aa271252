namespace Ensuresec.Demo.Pharmacy;

/// <summary>A parcel as delivered (or not): what the claims pass needs.</summary>
internal sealed record Delivery(string Parcel, string Courier, string Route, DateTimeOffset At, bool Arrived, string Vehicle, string Shipment);
